package org.parley.chat.realtime;

import java.time.Instant;
import java.util.function.Function;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.util.ClassUtils;

/**
 * Marks a Spring Session session used, as Spring Session's own filter does for an HTTP request: read it, set its
 * last access, save it (in Redis, that also moves its expiry).
 */
final class SpringSessionRefresh implements Function<String, LoginSessions.Refresh> {

    private final SessionRepository<? extends Session> repository;

    private SpringSessionRefresh(SessionRepository<? extends Session> repository) {
        this.repository = repository;
    }

    /** The refresh for the application's Spring Session repository; null when it has none. */
    static Function<String, LoginSessions.Refresh> of(ListableBeanFactory beans) {
        if (!ClassUtils.isPresent("org.springframework.session.SessionRepository", null)) {
            return null;
        }
        String[] names = beans.getBeanNamesForType(SessionRepository.class);
        return names.length == 0 ? null : new SpringSessionRefresh(beans.getBean(names[0], SessionRepository.class));
    }

    @Override
    public LoginSessions.Refresh apply(String id) {
        return () -> touch(repository, id);
    }

    private static <S extends Session> boolean touch(SessionRepository<S> repository, String id) {
        S session = repository.findById(id);
        if (session == null || session.isExpired()) {
            return false;
        }
        session.setLastAccessedTime(Instant.now());
        repository.save(session);
        return true;
    }
}
