package org.parley.chat.event;

import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One filled-in instance of every concrete {@link ChatEvent} type, found through the sealed hierarchy, so
 * tests that must cover every event (codecs, brokers) cover new ones without being edited. A component of
 * a type this class cannot fill fails the test with a message saying what to add here.
 */
public final class ChatEventSamples {

    private ChatEventSamples() {}

    public static List<ChatEvent> all() {
        List<ChatEvent> samples = new ArrayList<>();
        int[] counter = {1};
        for (Class<?> type : concreteTypes(ChatEvent.class)) {
            samples.add(sample(type.asSubclass(ChatEvent.class), counter));
        }
        return samples;
    }

    public static List<Class<?>> concreteTypes(Class<?> root) {
        List<Class<?>> types = new ArrayList<>();
        if (root.isSealed()) {
            for (Class<?> sub : root.getPermittedSubclasses()) {
                types.addAll(concreteTypes(sub));
            }
        } else {
            types.add(root);
        }
        return types;
    }

    private static ChatEvent sample(Class<? extends ChatEvent> type, int[] counter) {
        if (!type.isRecord()) {
            throw new AssertionError(type + " is not a record: ChatEventSamples only fills records");
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType(), type, components[i].getName(), counter);
        }
        try {
            Constructor<? extends ChatEvent> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot build a sample " + type.getSimpleName(), e);
        }
    }

    private static Object value(Type generic, Class<?> owner, String name, int[] counter) {
        int n = counter[0]++;
        if (generic == long.class || generic == Long.class) {
            return 1000L + n;
        }
        if (generic == int.class || generic == Integer.class) {
            return 100 + n;
        }
        if (generic == boolean.class || generic == Boolean.class) {
            return true;
        }
        if (generic == String.class) {
            return name + "-" + n + " <b>\"quoted\"</b> \u00fc\u2603";
        }
        if (generic == Instant.class) {
            return Instant.parse("2024-05-06T07:08:09.123456Z").plusSeconds(n);
        }
        if (generic instanceof Class<?> c && c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (generic instanceof ParameterizedType p && (p.getRawType() == List.class || p.getRawType() == Set.class)) {
            Object a = value(p.getActualTypeArguments()[0], owner, name, counter);
            Object b = value(p.getActualTypeArguments()[0], owner, name, counter);
            return p.getRawType() == List.class ? List.of(a, b) : Set.of(a, b);
        }
        if (generic instanceof Class<?> c && c.isRecord()) {
            return nested(c, counter);
        }
        throw new AssertionError("ChatEventSamples cannot fill " + owner.getSimpleName() + "." + name + " of type "
                + generic.getTypeName() + ": teach ChatEventSamples.value that type");
    }

    private static Object nested(Class<?> type, int[] counter) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getGenericType(), type, components[i].getName(), counter);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Cannot build a sample " + type.getSimpleName(), e);
        }
    }
}
