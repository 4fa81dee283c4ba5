/*
 * The syntax of Ember's SQL dialect: Spark SQL with ANSI mode.
 *
 * Entry rules: singleStatement, singleExpression, singleDataType and singleTableSchema. Every alternative that a
 * tree builder has to tell apart carries a label (# name), so a visitor over EmberSqlParserBaseVisitor gets one
 * method per form.
 *
 * Precedence is expressed by the order of alternatives inside the left-recursive rules queryTerm,
 * booleanExpression, valueExpression and primaryExpression: an alternative listed earlier binds tighter.
 *
 * Keywords come in three kinds:
 *   - reserved (SELECT, FROM, WHERE, AND, NULL, ...): never an identifier unless backquoted;
 *   - strictNonReserved (joins, set operators, LIMIT, WINDOW, ...): an identifier anywhere except as an alias
 *     written without AS, where it would be read as the start of the next clause;
 *   - nonReserved (most keywords: DATE, YEAR, FIRST, COMMENT, TABLE, VIEW, ...): an identifier everywhere.
 */
parser grammar EmberSqlParser;

options { tokenVocab = EmberSqlLexer; }

// =============================================================================================================
// Entry rules
// =============================================================================================================

singleStatement
    : statement SEMICOLON* EOF
    ;

singleExpression
    : namedExpression EOF
    ;

singleDataType
    : dataType EOF
    ;

// A schema written as column definitions, as in "a INT, b STRING NOT NULL COMMENT 'x'".
singleTableSchema
    : colsDdl EOF
    ;

// =============================================================================================================
// Statements
// =============================================================================================================

statement
    : query                                                                               #queryStatement
    | CREATE (OR REPLACE)? GLOBAL? TEMPORARY VIEW name=multipartIdentifier
        (LEFT_PAREN colsDdl RIGHT_PAREN)? USING provider=multipartIdentifier
        (OPTIONS options=propertyList)?                                                   #createTempViewUsing
    | CREATE (OR REPLACE)? (GLOBAL? TEMPORARY)? VIEW (IF NOT EXISTS)? name=multipartIdentifier
        (LEFT_PAREN viewColumn (COMMA viewColumn)* RIGHT_PAREN)?
        (COMMENT comment=stringLit)? (TBLPROPERTIES properties=propertyList)? AS query    #createView
    | DROP VIEW (IF EXISTS)? name=multipartIdentifier                                     #dropView
    | CREATE (OR REPLACE)? TABLE (IF NOT EXISTS)? name=multipartIdentifier
        (LEFT_PAREN colsDdl RIGHT_PAREN)? (USING provider=multipartIdentifier)?
        createTableClauses (AS? query)?                                                   #createTable
    | DROP TABLE (IF EXISTS)? name=multipartIdentifier PURGE?                             #dropTable
    | INSERT (INTO | OVERWRITE) TABLE? name=multipartIdentifier partitionSpec?
        identifierList? query                                                             #insertInto
    | TRUNCATE TABLE name=multipartIdentifier partitionSpec?                              #truncateTable
    | ANALYZE TABLE name=multipartIdentifier partitionSpec? COMPUTE STATISTICS
        (NOSCAN | FOR COLUMNS columns+=identifier (COMMA columns+=identifier)*
        | FOR ALL COLUMNS)?                                                               #analyzeTable
    | ALTER (TABLE | VIEW) name=multipartIdentifier RENAME TO newName=multipartIdentifier  #renameTable
    | ALTER TABLE name=multipartIdentifier ADD (COLUMN | COLUMNS)
        (colDefinition | LEFT_PAREN colsDdl RIGHT_PAREN)                                  #addColumns
    | ALTER (TABLE | VIEW) name=multipartIdentifier SET TBLPROPERTIES propertyList        #setTableProperties
    | ALTER TABLE name=multipartIdentifier SET SERDEPROPERTIES propertyList                #setTableOptions
    | ALTER (TABLE | VIEW) name=multipartIdentifier UNSET TBLPROPERTIES (IF EXISTS)?
        propertyList                                                                      #unsetTableProperties
    | REFRESH TABLE? name=multipartIdentifier                                             #refreshTable
    | CREATE (DATABASE | SCHEMA | NAMESPACE) (IF NOT EXISTS)? name=multipartIdentifier
        (COMMENT comments+=stringLit | LOCATION locations+=stringLit
        | WITH DBPROPERTIES properties+=propertyList)*                                    #createDatabase
    | DROP (DATABASE | SCHEMA | NAMESPACE) (IF EXISTS)? name=multipartIdentifier
        (RESTRICT | CASCADE)?                                                             #dropDatabase
    | USE (DATABASE | SCHEMA | NAMESPACE)? name=multipartIdentifier                       #use
    | SHOW (DATABASES | SCHEMAS) (LIKE? pattern=stringLit)?                               #showDatabases
    | SHOW TABLES ((FROM | IN) database=multipartIdentifier)? (LIKE? pattern=stringLit)?  #showTables
    | SHOW COLUMNS (FROM | IN) table=multipartIdentifier
        ((FROM | IN) database=multipartIdentifier)?                                       #showColumns
    | SHOW FUNCTIONS (LIKE? pattern=stringLit)?                                           #showFunctions
    | SHOW CREATE TABLE name=multipartIdentifier                                          #showCreateTable
    | SHOW PARTITIONS name=multipartIdentifier partitionSpec?                             #showPartitions
    | (DESC | DESCRIBE) FUNCTION EXTENDED? (functionName | stringLit)                     #describeFunction
    | (DESC | DESCRIBE) (DATABASE | SCHEMA | NAMESPACE) EXTENDED? name=multipartIdentifier #describeDatabase
    | (DESC | DESCRIBE) QUERY? query                                                      #describeQuery
    | (DESC | DESCRIBE) TABLE? option=(EXTENDED | FORMATTED)? name=multipartIdentifier    #describeTable
    | EXPLAIN explainMode=(LOGICAL | EXTENDED | FORMATTED | CODEGEN | COST)? statement           #explain
    | CACHE LAZY? TABLE name=multipartIdentifier (OPTIONS options=propertyList)?
        (AS? query)?                                                                      #cacheTable
    | UNCACHE TABLE (IF EXISTS)? name=multipartIdentifier                                 #uncacheTable
    | CLEAR CACHE                                                                         #clearCache
    // SET and RESET take their key and value as raw text: the tokens are only a way to find where they
    // start and end (see SqlParsing.rawText). A key runs up to '=', the value to the end of the statement.
    | SET (configKey (EQ configValue?)?)?                                                 #setConfiguration
    | RESET configKey?                                                                    #resetConfiguration
    ;

configKey
    : (~(EQ | SEMICOLON))+
    ;

configValue
    : (~SEMICOLON)+
    ;

// The clauses of CREATE TABLE, in any order. A builder rejects a clause given twice.
createTableClauses
    : (PARTITIONED BY partitionColumns+=identifierList
    | LOCATION locations+=stringLit
    | OPTIONS options+=propertyList
    | COMMENT comments+=stringLit
    | TBLPROPERTIES properties+=propertyList)*
    ;

viewColumn
    : name=identifier (COMMENT comment=stringLit)?
    ;

// OPTIONS and TBLPROPERTIES: (k 'v', 'k' = 'v', a.b.c = 1, flag = true)
propertyList
    : LEFT_PAREN property (COMMA property)* RIGHT_PAREN
    ;

property
    : key=propertyKey (EQ? value=propertyValue)?
    ;

propertyKey
    : identifier (DOT identifier)*
    | stringLit
    ;

propertyValue
    : (PLUS | MINUS)? (INTEGER_VALUE | DECIMAL_VALUE | EXPONENT_VALUE)
    | booleanValue
    | stringLit
    | identifier
    ;

partitionSpec
    : PARTITION LEFT_PAREN partitionValue (COMMA partitionValue)* RIGHT_PAREN
    ;

partitionValue
    : identifier (EQ constant)?
    ;

// =============================================================================================================
// Queries
//
// A query is: optional common table expressions, then set operations over query primaries, then the clauses
// that order and cut the whole result (ORDER BY, LIMIT, ...). Set operator precedence: INTERSECT binds tighter
// than UNION, EXCEPT and MINUS, which bind equally and associate to the left.
// =============================================================================================================

query
    : ctes? queryTerm queryOrganization
    ;

ctes
    : WITH namedQuery (COMMA namedQuery)*
    ;

namedQuery
    : name=identifier columnAliases=identifierList? AS? LEFT_PAREN query RIGHT_PAREN
    ;

queryTerm
    : queryPrimary                                                                        #queryTermDefault
    | left=queryTerm operator=INTERSECT setQuantifier? right=queryTerm                    #setOperation
    | left=queryTerm operator=(UNION | EXCEPT | SETMINUS) setQuantifier? right=queryTerm  #setOperation
    ;

queryPrimary
    : querySpecification                                                                  #queryPrimaryDefault
    | inlineTable                                                                         #inlineTableQuery
    | LEFT_PAREN query RIGHT_PAREN                                                        #parenthesizedQuery
    ;

querySpecification
    : selectClause fromClause? whereClause? aggregationClause? havingClause? windowClause?
      qualifyClause?
    ;

queryOrganization
    : (ORDER BY order+=sortItem (COMMA order+=sortItem)*)?
      (CLUSTER BY clusterBy+=expression (COMMA clusterBy+=expression)*)?
      (DISTRIBUTE BY distributeBy+=expression (COMMA distributeBy+=expression)*)?
      (SORT BY sort+=sortItem (COMMA sort+=sortItem)*)?
      (LIMIT (ALL | limit=expression))?
      (OFFSET offset=expression)?
    ;

selectClause
    : SELECT hints+=hint* setQuantifier? namedExpressionSeq
    ;

setQuantifier
    : DISTINCT
    | ALL
    ;

// /*+ BROADCAST(t), REPARTITION(8, c) MERGE(u) */
hint
    : HINT_START hintStatements+=hintStatement (COMMA? hintStatements+=hintStatement)* HINT_END
    ;

hintStatement
    : hintName=identifier
      (LEFT_PAREN parameters+=primaryExpression (COMMA parameters+=primaryExpression)* RIGHT_PAREN)?
    ;

namedExpressionSeq
    : namedExpression (COMMA namedExpression)*
    ;

// An alias without AS cannot be a keyword that starts the next clause (see strictNonReserved).
namedExpression
    : expression (AS alias=identifier | implicitAlias=strictIdentifier | AS aliases=identifierList)?
    ;

fromClause
    : FROM relation (COMMA relation)* lateralView* pivotClause? unpivotClause?
    ;

// UNPIVOT [INCLUDE | EXCLUDE NULLS] (value FOR name IN (column [AS label], ...)), or with several value columns
// UNPIVOT ((v1, v2) FOR name IN ((a1, a2) [AS label], (b1, b2), ...))
unpivotClause
    : UNPIVOT (nulls=(INCLUDE | EXCLUDE) NULLS)? LEFT_PAREN
      (valueColumns+=identifier | LEFT_PAREN valueColumns+=identifier (COMMA valueColumns+=identifier)+ RIGHT_PAREN)
      FOR nameColumn=identifier
      IN LEFT_PAREN columns+=unpivotColumn (COMMA columns+=unpivotColumn)* RIGHT_PAREN RIGHT_PAREN
    ;

unpivotColumn
    : (names+=qualifiedName | LEFT_PAREN names+=qualifiedName (COMMA names+=qualifiedName)* RIGHT_PAREN)
      (AS? label=identifier)?
    ;

// PIVOT (sum(x) AS s, ... FOR column IN (value [AS name], ...)), or FOR (a, b) IN ((1, 'x') [AS name], ...)
pivotClause
    : PIVOT LEFT_PAREN aggregates+=namedExpression (COMMA aggregates+=namedExpression)*
      FOR (pivotColumns+=qualifiedName
           | LEFT_PAREN pivotColumns+=qualifiedName (COMMA pivotColumns+=qualifiedName)+ RIGHT_PAREN)
      IN LEFT_PAREN pivotValues+=pivotValue (COMMA pivotValues+=pivotValue)* RIGHT_PAREN
      RIGHT_PAREN
    ;

pivotValue
    : expression (AS? name=identifier)?
    ;

// LATERAL VIEW [OUTER] explode(x) t AS a, b
lateralView
    : LATERAL VIEW OUTER? generator=qualifiedName
      LEFT_PAREN (arguments+=expression (COMMA arguments+=expression)*)? RIGHT_PAREN
      tableName=strictIdentifier? (AS? columnNames+=identifier (COMMA columnNames+=identifier)*)?
    ;

whereClause
    : WHERE booleanExpression
    ;

havingClause
    : HAVING booleanExpression
    ;

qualifyClause
    : QUALIFY booleanExpression
    ;

aggregationClause
    : GROUP BY ALL                                                                        #groupByAll
    | GROUP BY items+=groupByItem (COMMA items+=groupByItem)* (WITH kind=(ROLLUP | CUBE))? #groupBy
    ;

groupByItem
    : ROLLUP LEFT_PAREN groupingSet (COMMA groupingSet)* RIGHT_PAREN                     #rollup
    | CUBE LEFT_PAREN groupingSet (COMMA groupingSet)* RIGHT_PAREN                       #cube
    | GROUPING SETS LEFT_PAREN groupingSet (COMMA groupingSet)* RIGHT_PAREN              #groupingSets
    | expression                                                                          #groupByExpression
    ;

// (a, b), (a), () or a bare expression
groupingSet
    : LEFT_PAREN (expression (COMMA expression)*)? RIGHT_PAREN
    | expression
    ;

windowClause
    : WINDOW namedWindow (COMMA namedWindow)*
    ;

namedWindow
    : name=identifier AS windowSpec
    ;

sortItem
    : expression ordering=(ASC | DESC)? (NULLS nullOrder=(FIRST | LAST))?
    ;

// =============================================================================================================
// Relations
//
// A relation is a primary relation followed by joins, which associate to the left; parentheses group them
// otherwise. Relations separated by commas in FROM are joined without a condition.
// =============================================================================================================

relation
    : relationPrimary joinRelation*
    ;

joinRelation
    : joinType JOIN right=relationPrimary joinCriteria?                                   #join
    | NATURAL joinType JOIN right=relationPrimary                                         #naturalJoin
    ;

joinType
    : INNER?
    | CROSS
    | LEFT OUTER?
    | LEFT? SEMI
    | RIGHT OUTER?
    | FULL OUTER?
    | LEFT? ANTI
    ;

joinCriteria
    : ON booleanExpression
    | USING identifierList
    ;

relationPrimary
    : name=multipartIdentifier tableAlias                                                 #tableName
    | LEFT_PAREN query RIGHT_PAREN tableAlias                                             #aliasedQuery
    | LEFT_PAREN relation RIGHT_PAREN tableAlias                                          #aliasedRelation
    | inlineTable                                                                         #inlineTableRelation
    | functionName LEFT_PAREN (functionArgument (COMMA functionArgument)*)? RIGHT_PAREN
        tableAlias                                                                        #tableValuedFunction
    ;

// VALUES (1, 'a'), (2, 'b') AS t(id, name)
inlineTable
    : VALUES rows+=expression (COMMA rows+=expression)* tableAlias
    ;

tableAlias
    : ((AS alias=identifier | implicitAlias=strictIdentifier) identifierList?)?
    ;

// =============================================================================================================
// Expressions, from the loosest binding layer to the tightest:
//
//   booleanExpression   OR, then AND, then NOT, EXISTS
//   predicate           [NOT] BETWEEN, [NOT] IN, [NOT] LIKE/ILIKE/RLIKE/REGEXP, IS [NOT] ...
//   valueExpression     comparison, then |, then ^, then &, then + - ||, then * / % DIV, then unary - + ~
//   primaryExpression   literals, names, calls, CASE, CAST, subqueries, then postfix a[i], a.b, a::type
// =============================================================================================================

expression
    : booleanExpression
    ;

booleanExpression
    : (NOT | BANG) booleanExpression                                                      #logicalNot
    | EXISTS LEFT_PAREN query RIGHT_PAREN                                                 #exists
    | valueExpression predicate?                                                          #predicated
    | left=booleanExpression operator=AND right=booleanExpression                         #logicalBinary
    | left=booleanExpression operator=OR right=booleanExpression                          #logicalBinary
    ;

// The predicates that follow a value. The bounds of BETWEEN are value expressions, so in
// "a BETWEEN 1 AND 2 AND c" the second AND is the logical one.
predicate
    : NOT? BETWEEN lower=valueExpression AND upper=valueExpression                        #between
    | NOT? IN LEFT_PAREN query RIGHT_PAREN                                                #inSubquery
    | NOT? IN LEFT_PAREN expression (COMMA expression)* RIGHT_PAREN                      #inList
    | NOT? kind=(LIKE | ILIKE) quantifier=(ANY | SOME | ALL)
        LEFT_PAREN (patterns+=expression (COMMA patterns+=expression)*)? RIGHT_PAREN      #likeQuantified
    | NOT? kind=(LIKE | ILIKE | RLIKE | REGEXP) pattern=valueExpression
        (ESCAPE escapeChar=stringLit)?                                                    #like
    | IS NOT? NULL                                                                        #isNull
    | IS NOT? kind=(TRUE | FALSE | UNKNOWN)                                               #isBoolean
    | IS NOT? DISTINCT FROM right=valueExpression                                         #isDistinctFrom
    ;

valueExpression
    : primaryExpression                                                                   #valueExpressionDefault
    | operator=(MINUS | PLUS | TILDE) valueExpression                                     #arithmeticUnary
    | left=valueExpression operator=(ASTERISK | SLASH | PERCENT | DIV) right=valueExpression  #arithmeticBinary
    | left=valueExpression operator=(PLUS | MINUS | CONCAT_PIPE) right=valueExpression    #arithmeticBinary
    | left=valueExpression operator=AMPERSAND right=valueExpression                       #arithmeticBinary
    | left=valueExpression operator=HAT right=valueExpression                             #arithmeticBinary
    | left=valueExpression operator=PIPE right=valueExpression                            #arithmeticBinary
    | left=valueExpression comparisonOperator right=valueExpression                       #comparison
    ;

comparisonOperator
    : EQ | NSEQ | NEQ | NEQJ | LT | LTE | GT | GTE
    ;

primaryExpression
    : name=(CURRENT_DATE | CURRENT_TIMESTAMP | CURRENT_USER)                             #currentLike
    | CASE whenClause+ (ELSE elseExpression=expression)? END                              #searchedCase
    | CASE operand=expression whenClause+ (ELSE elseExpression=expression)? END           #simpleCase
    | name=(CAST | TRY_CAST) LEFT_PAREN expression AS dataType RIGHT_PAREN                #cast
    | EXTRACT LEFT_PAREN field=identifier FROM source=valueExpression RIGHT_PAREN         #extract
    | (SUBSTRING | SUBSTR) LEFT_PAREN str=valueExpression FROM pos=valueExpression
        (FOR len=valueExpression)? RIGHT_PAREN                                            #substring
    | TRIM LEFT_PAREN trimOption=(BOTH | LEADING | TRAILING)? trimChars=valueExpression?
        FROM source=valueExpression RIGHT_PAREN                                           #trim
    | POSITION LEFT_PAREN substr=valueExpression IN str=valueExpression RIGHT_PAREN       #position
    | OVERLAY LEFT_PAREN input=valueExpression PLACING replace=valueExpression
        FROM position=valueExpression (FOR length=valueExpression)? RIGHT_PAREN           #overlay
    | STRUCT LEFT_PAREN (fields+=namedExpression (COMMA fields+=namedExpression)*)? RIGHT_PAREN #structConstructor
    | constant                                                                            #constantDefault
    | (qualifiedName DOT)? ASTERISK                                                       #star
    | LEFT_PAREN namedExpression (COMMA namedExpression)+ RIGHT_PAREN                     #rowConstructor
    | LEFT_PAREN query RIGHT_PAREN                                                        #subqueryExpression
    | functionName LEFT_PAREN (setQuantifier? arguments+=functionArgument
        (COMMA arguments+=functionArgument)*)? RIGHT_PAREN
        (WITHIN GROUP LEFT_PAREN ORDER BY withinGroup+=sortItem
            (COMMA withinGroup+=sortItem)* RIGHT_PAREN)?
        (FILTER LEFT_PAREN WHERE filter=booleanExpression RIGHT_PAREN)?
        (nullsOption=(IGNORE | RESPECT) NULLS)?
        (OVER windowSpecOrName)?                                                          #functionCall
    | parameters+=identifier ARROW body=expression                                        #lambda
    | LEFT_PAREN (parameters+=identifier (COMMA parameters+=identifier)*)? RIGHT_PAREN
        ARROW body=expression                                                             #lambda
    | identifier                                                                          #columnReference
    | LEFT_PAREN expression RIGHT_PAREN                                                   #parenthesizedExpression
    | value=primaryExpression LEFT_BRACKET index=valueExpression RIGHT_BRACKET            #subscript
    | base=primaryExpression DOT fieldName=identifier                                     #dereference
    | primaryExpression DOUBLE_COLON dataType                                             #castByColon
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

// An argument is an expression, or name => expression for functions that take named arguments.
functionArgument
    : expression                                                                          #positionalArgument
    | name=identifier FAT_ARROW value=expression                                          #namedArgument
    ;

functionName
    : qualifiedName
    | CURRENT_DATE
    | CURRENT_TIMESTAMP
    | CURRENT_USER
    ;

windowSpecOrName
    : name=identifier                                                                     #windowReference
    | windowSpec                                                                          #windowDefinition
    ;

windowSpec
    : LEFT_PAREN
      (PARTITION BY partition+=expression (COMMA partition+=expression)*)?
      (ORDER BY order+=sortItem (COMMA order+=sortItem)*)?
      windowFrame?
      RIGHT_PAREN
    ;

windowFrame
    : frameType=(ROWS | RANGE) start=frameBound
    | frameType=(ROWS | RANGE) BETWEEN start=frameBound AND end=frameBound
    ;

frameBound
    : UNBOUNDED boundType=(PRECEDING | FOLLOWING)                                         #unboundedFrame
    | CURRENT ROW                                                                         #currentRowFrame
    | valueExpression boundType=(PRECEDING | FOLLOWING)                                   #offsetFrame
    ;

// =============================================================================================================
// Literals
// =============================================================================================================

constant
    : NULL                                                                                #nullLiteral
    | QUESTION                                                                            #positionalParameter
    | COLON identifier                                                                    #namedParameter
    | interval                                                                            #intervalLiteral
    | literalType stringLit                                                               #typedLiteral
    | number                                                                              #numericLiteral
    | booleanValue                                                                        #booleanLiteral
    | stringLit                                                                           #stringLiteral
    | BINARY_HEX                                                                          #binaryLiteral
    ;

literalType
    : DATE
    | TIMESTAMP
    | TIMESTAMP_NTZ
    | TIMESTAMP_LTZ
    ;

// Adjacent strings are one string: 'a' 'b' is 'ab'.
stringLit
    : STRING_LITERAL+
    ;

booleanValue
    : TRUE
    | FALSE
    ;

number
    : INTEGER_VALUE                                                                       #integerLiteral
    | BIGINT_LITERAL                                                                      #bigIntLiteral
    | SMALLINT_LITERAL                                                                    #smallIntLiteral
    | TINYINT_LITERAL                                                                     #tinyIntLiteral
    | DECIMAL_VALUE                                                                       #decimalLiteral
    | EXPONENT_VALUE                                                                      #exponentLiteral
    | DOUBLE_LITERAL                                                                      #doubleLiteral
    | FLOAT_LITERAL                                                                       #floatLiteral
    | BIGDECIMAL_LITERAL                                                                  #bigDecimalLiteral
    ;

// INTERVAL '1-2' YEAR TO MONTH, INTERVAL 3 DAYS 2 HOURS, INTERVAL '3 days'; a unit may carry the standard's precision,
// INTERVAL '90' DAY (3), which changes nothing here
interval
    : INTERVAL value=intervalValue from=intervalUnit intervalPrecision? TO to=intervalUnit intervalPrecision?
                                                                                          #rangeInterval
    | INTERVAL (values+=intervalValue units+=intervalUnit intervalPrecision?)+            #multiUnitInterval
    | INTERVAL (PLUS | MINUS)? STRING_LITERAL                                             #unitlessInterval
    ;

intervalPrecision
    : LEFT_PAREN INTEGER_VALUE (COMMA INTEGER_VALUE)? RIGHT_PAREN
    ;

intervalValue
    : (PLUS | MINUS)? (INTEGER_VALUE | DECIMAL_VALUE | STRING_LITERAL)
    ;

intervalUnit
    : YEAR | YEARS | MONTH | MONTHS | WEEK | WEEKS | DAY | DAYS | HOUR | HOURS
    | MINUTE | MINUTES | SECOND | SECONDS | MILLISECOND | MILLISECONDS
    | MICROSECOND | MICROSECONDS
    ;

// =============================================================================================================
// Data types and column definitions
// =============================================================================================================

dataType
    : ARRAY LT element=dataType GT                                                        #arrayDataType
    | MAP LT key=dataType COMMA value=dataType GT                                         #mapDataType
    | STRUCT (LT (structField (COMMA structField)*)? GT | NEQ)                            #structDataType
    | INTERVAL from=(YEAR | MONTH) (TO to=MONTH)?                                         #yearMonthIntervalDataType
    | INTERVAL from=(DAY | HOUR | MINUTE | SECOND) (TO to=(HOUR | MINUTE | SECOND))?      #dayTimeIntervalDataType
    | primitiveType (LEFT_PAREN parameters+=INTEGER_VALUE
        (COMMA parameters+=INTEGER_VALUE)* RIGHT_PAREN)?                                  #primitiveDataType
    ;

primitiveType
    : BOOLEAN
    | TINYINT | BYTE
    | SMALLINT | SHORT
    | INT | INTEGER
    | BIGINT | LONG
    | FLOAT | REAL
    | DOUBLE
    | DECIMAL | DEC | NUMERIC
    | STRING | VARCHAR | CHAR | CHARACTER
    | BINARY
    | DATE
    | TIMESTAMP | TIMESTAMP_NTZ | TIMESTAMP_LTZ
    | VOID
    ;

// STRUCT<name: type, name type NOT NULL COMMENT 'x'>
structField
    : name=identifier COLON? dataType (NOT NULL)? (COMMENT comment=stringLit)?
    ;

colsDdl
    : colDefinition (COMMA colDefinition)*
    ;

colDefinition
    : name=identifier dataType (NOT NULL)? (DEFAULT defaultValue=expression)?
      (COMMENT comment=stringLit)?
    ;

// =============================================================================================================
// Names
// =============================================================================================================

identifierList
    : LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN
    ;

multipartIdentifier
    : parts+=identifier (DOT parts+=identifier)*
    ;

qualifiedName
    : identifier (DOT identifier)*
    ;

identifier
    : strictIdentifier
    | strictNonReserved
    ;

strictIdentifier
    : IDENTIFIER                                                                          #unquotedIdentifier
    | BACKQUOTED_IDENTIFIER                                                               #quotedIdentifier
    | nonReserved                                                                         #unquotedIdentifier
    ;

// Keywords that are identifiers everywhere except as an alias written without AS: there they would be taken
// for the start of a join, a set operation or a clause.
strictNonReserved
    : ANTI | CLUSTER | CROSS | DISTRIBUTE | EXCEPT | FULL | INNER | INTERSECT | JOIN | LATERAL | LEFT
    | LIMIT | NATURAL | OFFSET | ON | OUTER | QUALIFY | RIGHT | SEMI | SETMINUS | SORT | UNION | USING
    | WINDOW
    ;

// Keywords that are identifiers everywhere. Every keyword that is in neither list is reserved:
// ALL AND AS BETWEEN BOTH BY CASE CURRENT_DATE CURRENT_TIMESTAMP CURRENT_USER DISTINCT ELSE END FALSE FOR FROM
// GROUP HAVING IN IS LEADING NOT NULL OR ORDER SELECT THEN TO TRAILING TRUE VALUES WHEN WHERE WITH.
nonReserved
    : ADD | ALTER | ANALYZE | ANY | ARRAY | ASC | BIGINT | BINARY | BOOLEAN | BYTE | CACHE | CASCADE
    | CAST | CHAR | CHARACTER | CLEAR | CODEGEN | COLUMN | COLUMNS | COMMENT | COMPUTE | COST | CREATE
    | CUBE | CURRENT | DATABASE | DATABASES | DATE | DAY | DAYS | DBPROPERTIES | DEC | DECIMAL | DEFAULT
    | DESC | DESCRIBE | DIV | DOUBLE | DROP | ESCAPE | EXCLUDE | EXISTS | EXPLAIN | EXTENDED | EXTRACT | FILTER
    | FIRST | FLOAT | FOLLOWING | FORMATTED | FUNCTION | FUNCTIONS | GLOBAL | GROUPING | HOUR | HOURS
    | IF | IGNORE | ILIKE | INCLUDE | INSERT | INT | INTEGER | INTERVAL | INTO | LAST | LAZY | LIKE | LOCATION
    | LOGICAL | LONG | MAP | MICROSECOND | MICROSECONDS | MILLISECOND | MILLISECONDS | MINUTE | MINUTES
    | MONTH | MONTHS | NAMESPACE | NOSCAN | NULLS | NUMERIC | OPTIONS | OVER | OVERLAY | OVERWRITE | PARTITION
    | PARTITIONED | PARTITIONS | PIVOT | PLACING | POSITION | PRECEDING | PURGE | QUERY | RANGE | REAL | REFRESH | REGEXP | RENAME
    | REPLACE | RESET | RESPECT | RESTRICT | RLIKE | ROLLUP | ROW | ROWS | SCHEMA | SCHEMAS | SECOND
    | SECONDS | SERDEPROPERTIES | SET | SETS | SHORT | SHOW | SMALLINT | SOME | STATISTICS | STRING | STRUCT | SUBSTR
    | SUBSTRING | TABLE | TABLES | TBLPROPERTIES | TEMPORARY | TIMESTAMP | TIMESTAMP_LTZ | TIMESTAMP_NTZ
    | TINYINT | TRIM | TRUNCATE | TRY_CAST | UNBOUNDED | UNCACHE | UNKNOWN | UNPIVOT | UNSET | USE | VARCHAR | VIEW
    | VOID | WEEK | WEEKS | WITHIN | YEAR | YEARS
    ;
