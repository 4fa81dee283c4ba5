package dev.ember.connect;

import dev.ember.StorageLevel;
import dev.ember.connect.planner.PlanTranslator;
import dev.ember.connect.planner.ProtoTypes;
import dev.ember.connect.planner.Unsupported;
import dev.ember.connect.proto.AnalyzePlanRequest;
import dev.ember.connect.proto.AnalyzePlanResponse;
import dev.ember.connect.proto.Plan;
import dev.ember.sql.Dataset;
import dev.ember.sql.PlanAccess;
import dev.ember.sql.Row;
import dev.ember.sql.execution.scan.FileSourceRelation;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.sources.PartitionedFile;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructType;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/** AnalyzePlan: what a client asks of a plan without running it (schema, explain, versions, persistence). */
final class Analysis {
    /** The Spark version whose protocol the server speaks; clients compare it with their own. */
    static final String PROTOCOL_VERSION = "4.0.1";

    private static final Pattern EXPRESSION_IDS = Pattern.compile("#\\d+L?");

    AnalyzePlanResponse analyze(ConnectSession session, AnalyzePlanRequest request) {
        AnalyzePlanResponse.Builder response = AnalyzePlanResponse.newBuilder()
                .setSessionId(session.sessionId)
                .setServerSideSessionId(session.serverSideSessionId);
        PlanTranslator plans = new PlanTranslator(session);
        switch (request.getAnalyzeCase()) {
            case SCHEMA ->
                response.setSchema(AnalyzePlanResponse.Schema.newBuilder()
                        .setSchema(ProtoTypes.toProto(
                                query(plans, request.getSchema().getPlan()).schema())));
            case EXPLAIN -> {
                var mode = request.getExplain().getExplainMode();
                boolean extended = mode != AnalyzePlanRequest.Explain.ExplainMode.EXPLAIN_MODE_SIMPLE
                        && mode != AnalyzePlanRequest.Explain.ExplainMode.EXPLAIN_MODE_UNSPECIFIED;
                response.setExplain(AnalyzePlanResponse.Explain.newBuilder()
                        .setExplainString(
                                query(plans, request.getExplain().getPlan()).explainString(extended)));
            }
            case TREE_STRING ->
                response.setTreeString(AnalyzePlanResponse.TreeString.newBuilder()
                        .setTreeString(query(plans, request.getTreeString().getPlan())
                                .schema()
                                .treeString()));
            case IS_LOCAL ->
                response.setIsLocal(AnalyzePlanResponse.IsLocal.newBuilder()
                        .setIsLocal(
                                PlanAccess.plan(query(
                                                plans, request.getIsLocal().getPlan()))
                                        instanceof LocalRelation));
            case IS_STREAMING ->
                response.setIsStreaming(
                        AnalyzePlanResponse.IsStreaming.newBuilder().setIsStreaming(false));
            case INPUT_FILES -> {
                AnalyzePlanResponse.InputFiles.Builder files = AnalyzePlanResponse.InputFiles.newBuilder();
                files.addAllFiles(inputFiles(
                        PlanAccess.plan(query(plans, request.getInputFiles().getPlan()))));
                response.setInputFiles(files);
            }
            case SPARK_VERSION ->
                response.setSparkVersion(
                        AnalyzePlanResponse.SparkVersion.newBuilder().setVersion(PROTOCOL_VERSION));
            case DDL_PARSE ->
                response.setDdlParse(AnalyzePlanResponse.DDLParse.newBuilder()
                        .setParsed(ProtoTypes.toProto(
                                ProtoTypes.parse(request.getDdlParse().getDdlString()))));
            case SAME_SEMANTICS -> {
                String target =
                        canonical(query(plans, request.getSameSemantics().getTargetPlan()));
                String other = canonical(query(
                        new PlanTranslator(session), request.getSameSemantics().getOtherPlan()));
                response.setSameSemantics(
                        AnalyzePlanResponse.SameSemantics.newBuilder().setResult(target.equals(other)));
            }
            case SEMANTIC_HASH ->
                response.setSemanticHash(AnalyzePlanResponse.SemanticHash.newBuilder()
                        .setResult(
                                canonical(query(plans, request.getSemanticHash().getPlan()))
                                        .hashCode()));
            case PERSIST -> {
                var persist = request.getPersist();
                StorageLevel level =
                        persist.hasStorageLevel() ? level(persist.getStorageLevel()) : StorageLevel.MEMORY_AND_DISK;
                session.persist(persist.getRelation(), plans.relation(persist.getRelation()), level);
                response.setPersist(AnalyzePlanResponse.Persist.getDefaultInstance());
            }
            case UNPERSIST -> {
                var unpersist = request.getUnpersist();
                if (!session.unpersist(unpersist.getRelation(), unpersist.getBlocking())) {
                    plans.relation(unpersist.getRelation()).unpersist(unpersist.getBlocking());
                }
                response.setUnpersist(AnalyzePlanResponse.Unpersist.getDefaultInstance());
            }
            case GET_STORAGE_LEVEL -> {
                StorageLevel level =
                        session.storageLevel(request.getGetStorageLevel().getRelation());
                response.setGetStorageLevel(AnalyzePlanResponse.GetStorageLevel.newBuilder()
                        .setStorageLevel(dev.ember.connect.proto.StorageLevel.newBuilder()
                                .setUseDisk(level.useDisk())
                                .setUseMemory(level.useMemory())
                                .setUseOffHeap(level.useOffHeap())
                                .setDeserialized(level.deserialized())
                                .setReplication(level.replication())));
            }
            case JSON_TO_DDL -> {
                DataType type = ProtoTypes.parse(request.getJsonToDdl().getJsonString());
                String ddl = type instanceof StructType struct ? struct.toDDL() : type.sql();
                response.setJsonToDdl(AnalyzePlanResponse.JsonToDDL.newBuilder().setDdlString(ddl));
            }
            case ANALYZE_NOT_SET -> throw Unsupported.invalid("an AnalyzePlan request without a question");
        }
        return response.build();
    }

    private static Dataset<Row> query(PlanTranslator plans, Plan plan) {
        if (!plan.hasRoot()) {
            throw Unsupported.invalid("a command where a query was expected");
        }
        return plans.relation(plan.getRoot());
    }

    /** The optimized plan's text with expression ids left out: equal for plans that compute the same. */
    private static String canonical(Dataset<Row> dataFrame) {
        return EXPRESSION_IDS
                .matcher(dataFrame.queryExecution().optimized().toString())
                .replaceAll("");
    }

    private static Set<String> inputFiles(LogicalPlan plan) {
        Set<String> files = new LinkedHashSet<>();
        for (SourceRelation relation : Plans.collect(plan, SourceRelation.class)) {
            if (relation.source() instanceof FileSourceRelation source) {
                for (PartitionedFile file : source.files()) {
                    files.add(file.path());
                }
            }
        }
        return files;
    }

    private static StorageLevel level(dev.ember.connect.proto.StorageLevel level) {
        return StorageLevel.of(
                level.getUseDisk(),
                level.getUseMemory(),
                level.getUseOffHeap(),
                level.getDeserialized(),
                Math.max(1, level.getReplication()));
    }
}
