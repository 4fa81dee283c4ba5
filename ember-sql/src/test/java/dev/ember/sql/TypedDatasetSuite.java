package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.LongAccumulator;
import dev.ember.Pair;
import dev.ember.function.FilterFunction;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.ForeachFunction;
import dev.ember.function.MapFunction;
import dev.ember.function.MapGroupsFunction;
import dev.ember.function.MapPartitionsFunction;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Typed Datasets (encoders, typed transformations, groupByKey) and typed aggregate functions, run by each deployment
 * mode's subclass: on a local cluster the functions, beans and aggregators travel to executor processes.
 */
abstract class TypedDatasetSuite {
    abstract EmberSession session();

    /** A JavaBean: its columns are its properties, sorted by name. */
    public static class Person implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private String name;
        private int age;
        private String city;
        private LocalDate joined;
        private List<String> tags;

        public Person() {}

        Person(String name, int age, String city, LocalDate joined, List<String> tags) {
            this.name = name;
            this.age = age;
            this.city = city;
            this.joined = joined;
            this.tags = tags;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        public String getCity() {
            return city;
        }

        public void setCity(String city) {
            this.city = city;
        }

        public LocalDate getJoined() {
            return joined;
        }

        public void setJoined(LocalDate joined) {
            this.joined = joined;
        }

        public List<String> getTags() {
            return tags;
        }

        public void setTags(List<String> tags) {
            this.tags = tags;
        }

        @Override
        public String toString() {
            return name + "/" + age + "/" + city + "/" + joined + "/" + tags;
        }
    }

    /** A record: its columns are its components, in order. */
    public record City(String name, long population, BigDecimal area) {}

    /** A mean of longs, with a bean buffer. */
    public static class Mean extends Aggregator<Long, Mean.Buffer, Double> {
        private static final long serialVersionUID = 1L;

        public record Buffer(long sum, long count) {}

        @Override
        public Buffer zero() {
            return new Buffer(0, 0);
        }

        @Override
        public Buffer reduce(Buffer buffer, Long value) {
            return value == null ? buffer : new Buffer(buffer.sum() + value, buffer.count() + 1);
        }

        @Override
        public Buffer merge(Buffer left, Buffer right) {
            return new Buffer(left.sum() + right.sum(), left.count() + right.count());
        }

        @Override
        public Double finish(Buffer buffer) {
            return buffer.count() == 0 ? null : (double) buffer.sum() / buffer.count();
        }

        @Override
        public Encoder<Buffer> bufferEncoder() {
            return Encoders.bean(Buffer.class);
        }

        @Override
        public Encoder<Double> outputEncoder() {
            return Encoders.DOUBLE();
        }
    }

    private List<Person> people() {
        return List.of(
                new Person("ann", 31, "Oslo", LocalDate.of(2020, 1, 2), List.of("a", "b")),
                new Person("bob", 25, "Rome", null, List.of()),
                new Person("cid", 40, "Oslo", LocalDate.of(2021, 3, 4), null),
                new Person("dee", 35, "Lima", LocalDate.of(2022, 5, 6), List.of("c")),
                new Person("eve", 29, "Oslo", null, List.of("d", "e")));
    }

    @Test
    void beansBecomeRowsAndRowsBecomeBeans() {
        Dataset<Person> people = session().createDataset(people(), Encoders.bean(Person.class));
        assertThat(people.schema().simpleString())
                .isEqualTo("struct<age:int,city:string,joined:date,name:string,tags:array<string>>");
        assertThat(people.filter(col("age").gt(30))
                        .orderBy("name")
                        .collectAsList()
                        .toString())
                .isEqualTo("[ann/31/Oslo/2020-01-02/[a, b], cid/40/Oslo/2021-03-04/null, dee/35/Lima/2022-05-06/[c]]");
        // Columns bind by name, whatever their order, and an int column fills a long field.
        Dataset<City> cities = session()
                .sql("SELECT 12.5 AS area, 'Oslo' AS name, 700000 AS population")
                .as(Encoders.bean(City.class));
        assertThat(cities.first()).isEqualTo(new City("Oslo", 700000, new BigDecimal("12.500000000000000000")));
        assertThatThrownBy(() -> session().sql("SELECT 'x' AS name").as(Encoders.bean(City.class)))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.UNRESOLVED_COLUMN))
                .hasMessageContaining("no column `population`");
        assertThatThrownBy(() -> session()
                        .sql("SELECT 'x' AS name, 1L AS age, 'c' AS city, DATE'2020-01-01' AS joined,"
                                + " array('t') AS tags")
                        .as(Encoders.bean(Person.class)))
                .hasMessageContaining("Cannot up cast `age` from bigint to int");
        assertThat(session().range(4).as(Encoders.LONG()).collectAsList()).containsExactly(0L, 1L, 2L, 3L);
        assertThatThrownBy(() -> session().sql("SELECT 1 AS a, 2 AS b").as(Encoders.INT()))
                .hasMessageContaining("select the one column first");
    }

    @Test
    void typedTransformationsRunTheirFunctionsInTheTasks() {
        Dataset<Person> people = session().createDataset(people(), Encoders.bean(Person.class));
        Dataset<String> names = people.filter(
                        (FilterFunction<Person>) p -> p.getCity().equals("Oslo"))
                .map((MapFunction<Person, String>) p -> p.getName().toUpperCase(), Encoders.STRING());
        assertThat(names.collectAsList()).containsExactlyInAnyOrder("ANN", "CID", "EVE");
        Dataset<String> tags = people.flatMap(
                (FlatMapFunction<Person, String>)
                        p -> p.getTags() == null ? null : p.getTags().iterator(),
                Encoders.STRING());
        assertThat(tags.orderBy("value").collectAsList()).containsExactly("a", "b", "c", "d", "e");
        Dataset<Integer> sums = people.mapPartitions(
                (MapPartitionsFunction<Person, Integer>) values -> {
                    int total = 0;
                    while (values.hasNext()) {
                        total += values.next().getAge();
                    }
                    return List.of(total).iterator();
                },
                Encoders.INT());
        assertThat(sums.collectAsList().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(160);
        // Typed and untyped steps mix: a map, then SQL over its rows.
        Dataset<City> cities = people.map(
                (MapFunction<Person, City>) p -> new City(p.getCity(), p.getAge() * 1000L, BigDecimal.ONE),
                Encoders.bean(City.class));
        cities.createOrReplaceTempView("typed_cities");
        assertThat(session()
                        .sql("SELECT name, sum(population) FROM typed_cities GROUP BY name ORDER BY name")
                        .collectAsList()
                        .toString())
                .isEqualTo("[[Lima,35000], [Oslo,100000], [Rome,25000]]");
        LongAccumulator seen = session().emberContext().longAccumulator("seen");
        people.foreach((ForeachFunction<Person>) p -> seen.add((long) p.getAge()));
        assertThat(seen.value()).isEqualTo(160L);
        assertThatThrownBy(() -> people.map(
                                (MapFunction<Person, Integer>) p -> p.getAge() / (p.getAge() - 25), Encoders.INT())
                        .collectAsList())
                .hasStackTraceContaining("ArithmeticException");
    }

    @Test
    void groupByKeyBringsEachKeysValuesTogether() {
        Dataset<Person> people = session()
                .createDataset(people(), Encoders.bean(Person.class))
                .union(session().createDataset(people(), Encoders.bean(Person.class)));
        KeyValueGroupedDataset<String, Person> byCity =
                people.groupByKey((MapFunction<Person, String>) Person::getCity, Encoders.STRING());
        Dataset<String> summary = byCity.mapGroups(
                (MapGroupsFunction<String, Person, String>) (city, values) -> {
                    List<String> names = new ArrayList<>();
                    values.forEachRemaining(p -> names.add(p.getName()));
                    names.sort(Comparator.naturalOrder());
                    return city + "=" + names;
                },
                Encoders.STRING());
        assertThat(summary.collectAsList())
                .containsExactlyInAnyOrder("Lima=[dee, dee]", "Oslo=[ann, ann, cid, cid, eve, eve]", "Rome=[bob, bob]");
        List<Pair<String, Long>> counts = byCity.count().collectAsList();
        assertThat(counts).containsExactlyInAnyOrder(Pair.of("Lima", 2L), Pair.of("Oslo", 6L), Pair.of("Rome", 2L));
        Dataset<Pair<String, Person>> oldest = byCity.reduceGroups((a, b) -> a.getAge() >= b.getAge() ? a : b);
        assertThat(oldest.collectAsList().stream()
                        .map(pair -> pair.key() + ":" + pair.value().getName())
                        .sorted()
                        .toList())
                .containsExactly("Lima:dee", "Oslo:cid", "Rome:bob");
        assertThat(byCity.keys().collectAsList()).containsExactlyInAnyOrder("Lima", "Oslo", "Rome");
        // A key of a record type: its fields are the grouping columns.
        Dataset<Pair<City, Long>> byRecord = people.groupByKey(
                        (MapFunction<Person, City>) p -> new City(p.getCity(), 0, null), Encoders.bean(City.class))
                .count();
        assertThat(byRecord.schema().simpleString())
                .isEqualTo("struct<_1:struct<name:string,population:bigint,area:decimal(38,18)>,_2:bigint>");
        assertThat(byRecord.collectAsList().stream().mapToLong(Pair::value).sum())
                .isEqualTo(10);
    }

    @Test
    void typedStepsKeepTheSidesOfASelfJoinApart() {
        Dataset<Row> people = session().sql("SELECT * FROM VALUES (1, 20), (2, 15), (3, 40) AS t(id, age)");
        Dataset<Row> adults = people.filter((FilterFunction<Row>) row -> row.getInt(1) >= 18);
        assertThat(people.join(adults, people.col("id").equalTo(adults.col("id")))
                        .count())
                .isEqualTo(2);
        Dataset<Long> ids = people.map((MapFunction<Row, Long>) row -> (long) row.getInt(0), Encoders.LONG());
        Dataset<Long> big = ids.filter((FilterFunction<Long>) id -> id > 1);
        assertThat(ids.join(big, ids.col("value").equalTo(big.col("value"))).count())
                .isEqualTo(2);
        // A nested struct binds in order: fields in another order are refused, never swapped.
        assertThatThrownBy(() -> session()
                        .sql("SELECT named_struct('y', 1, 'x', 2) AS point")
                        .as(Encoders.bean(Shape.class)))
                .hasMessageContaining("bound in order");
    }

    /** A bean with a nested record. */
    public static class Shape {
        private Point point;

        public Point getPoint() {
            return point;
        }

        public void setPoint(Point point) {
            this.point = point;
        }
    }

    public record Point(int x, int y) {}

    @Test
    void typedAggregatorsWorkInSqlAndInDataFrames() {
        session()
                .sql("SELECT id % 3 AS k, CASE WHEN id = 4 THEN NULL ELSE id END AS v FROM range(0, 30, 1, 4)")
                .createOrReplaceTempView("udaf_input");
        UserDefinedAggregate mean = session().udf().register("my_mean", functions.udaf(new Mean(), Encoders.LONG()));
        List<String> viaSql =
                session()
                        .sql("SELECT k, my_mean(v), avg(v) FROM udaf_input GROUP BY k ORDER BY k")
                        .collectAsList()
                        .stream()
                        .map(Object::toString)
                        .toList();
        assertThat(viaSql).hasSize(3);
        for (String row : viaSql) {
            String[] parts = row.substring(1, row.length() - 1).split(",");
            assertThat(Double.parseDouble(parts[1])).isEqualTo(Double.parseDouble(parts[2]));
        }
        UserDefinedAggregate inline = functions.udaf(new Mean(), Encoders.LONG());
        Row overall = session().table("udaf_input").agg(inline.apply(col("v"))).first();
        assertThat(overall.getDouble(0)).isEqualTo((435.0 - 4) / 29);
        // The registered aggregate, applied from the API, computes the same as the inline one.
        assertThat(session()
                        .table("udaf_input")
                        .agg(mean.apply(col("v")))
                        .first()
                        .getDouble(0))
                .isEqualTo(overall.getDouble(0));
        assertThatThrownBy(() ->
                        session().sql("SELECT my_mean(v, k) FROM udaf_input").collectAsList())
                .hasMessageContaining("takes 1 argument(s)");
    }
}
