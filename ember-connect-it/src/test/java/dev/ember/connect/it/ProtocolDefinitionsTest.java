package dev.ember.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Ember's protocol definitions against those compiled into Spark's own client: every message, field, enum value and
 * method Ember defines exists in Spark's definitions with the same number, name, type and cardinality, so that each
 * message means the same to both. (Ember leaves some of Spark's fields out; those arrive as unknown fields.)
 */
class ProtocolDefinitionsTest {
    @Test
    void everyDefinitionMatchesSparksOwn() throws Exception {
        List<String> differences = new ArrayList<>();
        int[] compared = new int[1];
        compare(
                differences,
                compared,
                dev.ember.connect.proto.Base.getDescriptor().toProto(),
                org.apache.spark.connect.proto.Base.getDescriptor().toProto().toByteArray());
        compare(
                differences,
                compared,
                dev.ember.connect.proto.Relations.getDescriptor().toProto(),
                org.apache.spark.connect.proto.Relations.getDescriptor()
                        .toProto()
                        .toByteArray());
        compare(
                differences,
                compared,
                dev.ember.connect.proto.Expressions.getDescriptor().toProto(),
                org.apache.spark.connect.proto.Expressions.getDescriptor()
                        .toProto()
                        .toByteArray());
        compare(
                differences,
                compared,
                dev.ember.connect.proto.Commands.getDescriptor().toProto(),
                org.apache.spark.connect.proto.Commands.getDescriptor()
                        .toProto()
                        .toByteArray());
        compare(
                differences,
                compared,
                dev.ember.connect.proto.Types.getDescriptor().toProto(),
                org.apache.spark.connect.proto.Types.getDescriptor().toProto().toByteArray());
        compare(
                differences,
                compared,
                dev.ember.connect.proto.Common.getDescriptor().toProto(),
                org.apache.spark.connect.proto.Common.getDescriptor().toProto().toByteArray());
        assertThat(differences).isEmpty();
        assertThat(compared[0]).as("fields compared").isGreaterThan(600);
    }

    private static void compare(List<String> differences, int[] compared, FileDescriptorProto ours, byte[] sparks)
            throws Exception {
        FileDescriptorProto theirs = FileDescriptorProto.parseFrom(sparks);
        assertThat(ours.getPackage()).isEqualTo(theirs.getPackage());
        Map<String, DescriptorProto> theirMessages = byName(theirs.getMessageTypeList(), DescriptorProto::getName);
        for (DescriptorProto message : ours.getMessageTypeList()) {
            compareMessage(differences, compared, ours.getPackage(), message, theirMessages.get(message.getName()));
        }
        Map<String, EnumDescriptorProto> theirEnums = byName(theirs.getEnumTypeList(), EnumDescriptorProto::getName);
        for (EnumDescriptorProto type : ours.getEnumTypeList()) {
            compareEnum(differences, ours.getPackage() + "." + type.getName(), type, theirEnums.get(type.getName()));
        }
        Map<String, ServiceDescriptorProto> theirServices =
                byName(theirs.getServiceList(), ServiceDescriptorProto::getName);
        for (ServiceDescriptorProto service : ours.getServiceList()) {
            ServiceDescriptorProto their = theirServices.get(service.getName());
            if (their == null) {
                differences.add("service " + service.getName() + " is not Spark's");
                continue;
            }
            Map<String, MethodDescriptorProto> methods = byName(their.getMethodList(), MethodDescriptorProto::getName);
            for (MethodDescriptorProto method : service.getMethodList()) {
                MethodDescriptorProto match = methods.get(method.getName());
                if (match == null
                        || !match.getInputType().equals(method.getInputType())
                        || !match.getOutputType().equals(method.getOutputType())
                        || match.getServerStreaming() != method.getServerStreaming()
                        || match.getClientStreaming() != method.getClientStreaming()) {
                    differences.add("method " + method.getName() + " differs: " + method + " vs " + match);
                }
            }
            assertThat(service.getMethodCount()).isEqualTo(their.getMethodCount());
        }
    }

    private static void compareMessage(
            List<String> differences, int[] compared, String scope, DescriptorProto ours, DescriptorProto theirs) {
        String name = scope + "." + ours.getName();
        if (theirs == null) {
            differences.add("message " + name + " is not in Spark's definitions");
            return;
        }
        Map<Integer, FieldDescriptorProto> fields = theirs.getFieldList().stream()
                .collect(Collectors.toMap(FieldDescriptorProto::getNumber, Function.identity()));
        for (FieldDescriptorProto field : ours.getFieldList()) {
            compared[0]++;
            FieldDescriptorProto match = fields.get(field.getNumber());
            String where = name + "." + field.getName() + " = " + field.getNumber();
            if (match == null) {
                differences.add(where + ": no such field number in Spark's " + name);
            } else if (!match.getName().equals(field.getName())
                    || match.getType() != field.getType()
                    || match.getLabel() != field.getLabel()
                    || !match.getTypeName().equals(field.getTypeName())
                    || match.getProto3Optional() != field.getProto3Optional()
                    || match.hasOneofIndex() != field.hasOneofIndex()) {
                differences.add(where + ": Spark has " + match.getName() + " " + match.getLabel() + " "
                        + match.getType() + " " + match.getTypeName() + ", Ember " + field.getLabel() + " "
                        + field.getType() + " " + field.getTypeName());
            }
        }
        Map<String, DescriptorProto> nested = byName(theirs.getNestedTypeList(), DescriptorProto::getName);
        for (DescriptorProto child : ours.getNestedTypeList()) {
            compareMessage(differences, compared, name, child, nested.get(child.getName()));
        }
        Map<String, EnumDescriptorProto> enums = byName(theirs.getEnumTypeList(), EnumDescriptorProto::getName);
        for (EnumDescriptorProto type : ours.getEnumTypeList()) {
            compareEnum(differences, name + "." + type.getName(), type, enums.get(type.getName()));
        }
    }

    private static void compareEnum(
            List<String> differences, String name, EnumDescriptorProto ours, EnumDescriptorProto theirs) {
        if (theirs == null) {
            differences.add("enum " + name + " is not in Spark's definitions");
            return;
        }
        Map<Integer, String> values = theirs.getValueList().stream()
                .collect(Collectors.toMap(EnumValueDescriptorProto::getNumber, EnumValueDescriptorProto::getName));
        for (EnumValueDescriptorProto value : ours.getValueList()) {
            if (!value.getName().equals(values.get(value.getNumber()))) {
                differences.add(name + "." + value.getName() + " = " + value.getNumber() + ": Spark has "
                        + values.get(value.getNumber()));
            }
        }
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        return items.stream().collect(Collectors.toMap(name, Function.identity(), (a, b) -> a));
    }
}
