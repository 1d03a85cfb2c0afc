import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Test doubles of AEM's interfaces, taken from its API jar as they are: a double answers the
 * methods its behaviour object declares (same name, same parameter types) and fails loudly on any
 * other, so a script that starts calling something the harness does not model is caught at once.
 * A fallback object (the servlet container's request, say) answers the methods of its own types.
 */
final class Doubles {
    private Doubles() {}

    static <T> T of(Class<T> type, Object behaviour) {
        return of(type, behaviour, null);
    }

    static <T> T of(Class<T> type, Object behaviour, Object fallback) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Method own = find(behaviour.getClass(), method);
            if (own != null) return call(own, behaviour, args);
            if (fallback != null && method.getDeclaringClass().isInstance(fallback)) return call(method, fallback, args);
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return type.getSimpleName() + " (harness double)";
                default:
                    throw new UnsupportedOperationException(type.getName() + "." + method.getName() + " is outside the harness's model");
            }
        }));
    }

    private static Method find(Class<?> in, Method wanted) {
        for (Method m : in.getDeclaredMethods())
            if (m.getName().equals(wanted.getName()) && java.util.Arrays.equals(m.getParameterTypes(), wanted.getParameterTypes())) return m;
        return null;
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        method.setAccessible(true);
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
