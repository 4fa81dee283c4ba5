package dev.ember.util;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.serializer.SerializationDebugger;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;

/**
 * Checks, when an RDD operation is called, that the function given to it can be shipped to executors, so that
 * the mistake is reported at the line that made it rather than when a job runs. The check serializes the function
 * into a stream that discards the bytes.
 */
public final class ClosureChecker {
    private ClosureChecker() {}

    /**
     * Fails with {@link ErrorClass#TASK_NOT_SERIALIZABLE} naming the offending class and the path to it when
     * {@code function} does not serialize.
     *
     * @param operation the API method, for the message: {@code "map"}
     */
    public static <F> F check(F function, String operation) {
        if (function == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "The function passed to " + operation + " is null");
        }
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(function);
        } catch (NotSerializableException e) {
            throw notSerializable(function, operation, e);
        } catch (EmberException e) {
            // An object refusing to be shipped (a destroyed broadcast, an unregistered accumulator) knows why.
            throw new EmberException(
                    e.errorClass(),
                    "The function passed to " + operation + " at "
                            + CallSite.capture().location() + " cannot be shipped to executors: " + e.detail(),
                    e);
        } catch (IOException | RuntimeException e) {
            throw new EmberException(
                    ErrorClass.TASK_NOT_SERIALIZABLE,
                    "The function passed to " + operation + " at "
                            + CallSite.capture().location() + " cannot be serialized: " + e,
                    e);
        }
        return function;
    }

    private static EmberException notSerializable(Object function, String operation, NotSerializableException cause) {
        String path = SerializationDebugger.describePath(function);
        return new EmberException(
                ErrorClass.TASK_NOT_SERIALIZABLE,
                "Task not serializable: the function passed to " + operation + " at "
                        + CallSite.capture().location() + " refers to an object of class " + cause.getMessage()
                        + ", which is not Serializable. Make the class Serializable, mark the field transient, or"
                        + " create the object inside the function."
                        + (path.isEmpty() ? "" : "\nSerialization path:\n" + path),
                cause);
    }
}
