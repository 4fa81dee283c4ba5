package dev.ember.connect;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;

/**
 * Requests read with a nesting limit of 1024 messages instead of protobuf's 100: every DataFrame call nests the plan
 * one or two levels deeper, so a program of a few dozen calls would be refused at 100. Deeper requests are refused
 * while being read, before any of it reaches the service.
 */
final class DeepPlans {
    static final int RECURSION_LIMIT = 1024;

    private DeepPlans() {}

    static ServerServiceDefinition allow(ServerServiceDefinition service) {
        ServerServiceDefinition.Builder builder =
                ServerServiceDefinition.builder(service.getServiceDescriptor().getName());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            builder.addMethod(deeper(method));
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static <Q, R> ServerMethodDefinition<Q, R> deeper(ServerMethodDefinition<Q, R> method) {
        MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
        if (!(descriptor.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> marshaller)
                || !(marshaller.getMessagePrototype() instanceof Message prototype)) {
            return method;
        }
        MethodDescriptor.Marshaller<Q> requests =
                (MethodDescriptor.Marshaller<Q>) ProtoUtils.marshallerWithRecursionLimit(prototype, RECURSION_LIMIT);
        return ServerMethodDefinition.create(
                descriptor.toBuilder(requests, descriptor.getResponseMarshaller())
                        .build(),
                method.getServerCallHandler());
    }
}
