package org.parley.chat.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.MessageSource;
import org.springframework.context.support.AbstractResourceBasedMessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Adds Parley's strings ({@code parley/messages*.properties}) to the application's message source, whether
 * the host has its own {@code messages.properties} or none, so pages resolve {@code #{parley.*}} keys.
 */
class ParleyMessagesPostProcessor implements BeanPostProcessor {

    static final String BASENAME = "parley/messages";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!"messageSource".equals(beanName) || !(bean instanceof MessageSource)) {
            return bean;
        }
        if (bean instanceof AbstractResourceBasedMessageSource resourceBased) {
            if (!resourceBased.getBasenameSet().contains(BASENAME)) {
                resourceBased.addBasenames(BASENAME);
            }
        } else if (bean instanceof HierarchicalMessageSource hierarchical
                && hierarchical.getParentMessageSource() == null) {
            hierarchical.setParentMessageSource(parleyMessages());
        }
        return bean;
    }

    static ResourceBundleMessageSource parleyMessages() {
        var source = new ResourceBundleMessageSource();
        source.setBasename(BASENAME);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
