package org.parley.chat.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.HierarchicalMessageSource;
import org.springframework.context.MessageSource;
import org.springframework.context.support.AbstractResourceBasedMessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Adds Parley's strings ({@code parley/messages*.properties}, the admin's in {@code parley/admin/messages*.properties}) to the application's message source, whether
 * the host has its own {@code messages.properties} or none, so pages resolve {@code #{parley.*}} keys.
 */
class ParleyMessagesPostProcessor implements BeanPostProcessor {

    static final String BASENAME = "parley/messages";
    /** The admin's strings, kept apart from the chat pages' (same rules: English and German complete). */
    static final String ADMIN_BASENAME = "parley/admin/messages";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!"messageSource".equals(beanName) || !(bean instanceof MessageSource)) {
            return bean;
        }
        if (bean instanceof AbstractResourceBasedMessageSource resourceBased) {
            for (String basename : new String[] {BASENAME, ADMIN_BASENAME}) {
                if (!resourceBased.getBasenameSet().contains(basename)) {
                    resourceBased.addBasenames(basename);
                }
            }
        } else if (bean instanceof HierarchicalMessageSource hierarchical
                && hierarchical.getParentMessageSource() == null) {
            hierarchical.setParentMessageSource(parleyMessages());
        }
        return bean;
    }

    static ResourceBundleMessageSource parleyMessages() {
        var source = new ResourceBundleMessageSource();
        source.setBasenames(BASENAME, ADMIN_BASENAME);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
