/*
 * The tokens of Ember's SQL dialect (Spark SQL with ANSI mode).
 *
 * Keywords are matched case-insensitively. Which keywords may also be used as identifiers is decided by the
 * parser (rules nonReserved and strictNonReserved), not here. Whitespace and comments go to the hidden channel
 * so that the text of a statement (for example the value of SET) can be taken back from the character stream.
 *
 * Tokens that can never be valid (an unterminated string, quoted identifier or comment, and any character no
 * other rule accepts) still become tokens, so that the parser reports them with a position instead of the lexer
 * printing an error on its own.
 */
lexer grammar EmberSqlLexer;

options { caseInsensitive = true; }

// ---------------------------------------------------------------------------------------------------------
// Punctuation and operators. Shift operators are left out on purpose: '>>' would split nested type
// arguments such as ARRAY<ARRAY<INT>>.
// ---------------------------------------------------------------------------------------------------------
SEMICOLON     : ';';
LEFT_PAREN    : '(';
RIGHT_PAREN   : ')';
COMMA         : ',';
DOT           : '.';
LEFT_BRACKET  : '[';
RIGHT_BRACKET : ']';
DOUBLE_COLON  : '::';
COLON         : ':';
QUESTION      : '?';
ARROW         : '->';
FAT_ARROW     : '=>';
HINT_START    : '/*+';
HINT_END      : '*/';
EQ            : '=' | '==';
NSEQ          : '<=>';
NEQ           : '<>';
NEQJ          : '!=';
LT            : '<';
LTE           : '<=';
GT            : '>';
GTE           : '>=';
BANG          : '!';
PLUS          : '+';
MINUS         : '-';
ASTERISK      : '*';
SLASH         : '/';
PERCENT       : '%';
TILDE         : '~';
AMPERSAND     : '&';
PIPE          : '|';
CONCAT_PIPE   : '||';
HAT           : '^';

// ---------------------------------------------------------------------------------------------------------
// Keywords, alphabetically. SETMINUS is the set operator MINUS (the name MINUS is the '-' sign).
// ---------------------------------------------------------------------------------------------------------
ADD           : 'ADD';
ALL           : 'ALL';
ALTER         : 'ALTER';
ANALYZE       : 'ANALYZE';
AND           : 'AND';
ANTI          : 'ANTI';
ANY           : 'ANY';
ARRAY         : 'ARRAY';
AS            : 'AS';
ASC           : 'ASC';
BETWEEN       : 'BETWEEN';
BIGINT        : 'BIGINT';
BINARY        : 'BINARY';
BOOLEAN       : 'BOOLEAN';
BOTH          : 'BOTH';
BY            : 'BY';
BYTE          : 'BYTE';
CACHE         : 'CACHE';
CASCADE       : 'CASCADE';
CASE          : 'CASE';
CAST          : 'CAST';
CHAR          : 'CHAR';
CHARACTER     : 'CHARACTER';
CLEAR         : 'CLEAR';
CLUSTER       : 'CLUSTER';
CODEGEN       : 'CODEGEN';
COLUMN        : 'COLUMN';
COLUMNS       : 'COLUMNS';
COMMENT       : 'COMMENT';
COMPUTE       : 'COMPUTE';
COST          : 'COST';
CREATE        : 'CREATE';
CROSS         : 'CROSS';
CUBE          : 'CUBE';
CURRENT       : 'CURRENT';
CURRENT_DATE  : 'CURRENT_DATE';
CURRENT_TIMESTAMP : 'CURRENT_TIMESTAMP';
CURRENT_USER  : 'CURRENT_USER';
DATABASE      : 'DATABASE';
DATABASES     : 'DATABASES';
DATE          : 'DATE';
DAY           : 'DAY';
DAYS          : 'DAYS';
DBPROPERTIES  : 'DBPROPERTIES';
DEC           : 'DEC';
DECIMAL       : 'DECIMAL';
DEFAULT       : 'DEFAULT';
DESC          : 'DESC';
DESCRIBE      : 'DESCRIBE';
DISTINCT      : 'DISTINCT';
DISTRIBUTE    : 'DISTRIBUTE';
DIV           : 'DIV';
DOUBLE        : 'DOUBLE';
DROP          : 'DROP';
ELSE          : 'ELSE';
END           : 'END';
ESCAPE        : 'ESCAPE';
EXCEPT        : 'EXCEPT';
EXCLUDE       : 'EXCLUDE';
EXISTS        : 'EXISTS';
EXPLAIN       : 'EXPLAIN';
EXTENDED      : 'EXTENDED';
EXTRACT       : 'EXTRACT';
FALSE         : 'FALSE';
FILTER        : 'FILTER';
FIRST         : 'FIRST';
FLOAT         : 'FLOAT';
FOLLOWING     : 'FOLLOWING';
FOR           : 'FOR';
FORMATTED     : 'FORMATTED';
FROM          : 'FROM';
FULL          : 'FULL';
FUNCTION      : 'FUNCTION';
FUNCTIONS     : 'FUNCTIONS';
GLOBAL        : 'GLOBAL';
GROUP         : 'GROUP';
GROUPING      : 'GROUPING';
HAVING        : 'HAVING';
HOUR          : 'HOUR';
HOURS         : 'HOURS';
IF            : 'IF';
IGNORE        : 'IGNORE';
ILIKE         : 'ILIKE';
IN            : 'IN';
INCLUDE       : 'INCLUDE';
INNER         : 'INNER';
INSERT        : 'INSERT';
INT           : 'INT';
INTEGER       : 'INTEGER';
INTERSECT     : 'INTERSECT';
INTERVAL      : 'INTERVAL';
INTO          : 'INTO';
IS            : 'IS';
JOIN          : 'JOIN';
LAST          : 'LAST';
LATERAL       : 'LATERAL';
LAZY          : 'LAZY';
LEADING       : 'LEADING';
LEFT          : 'LEFT';
LIKE          : 'LIKE';
LIMIT         : 'LIMIT';
LOCATION      : 'LOCATION';
LOGICAL       : 'LOGICAL';
LONG          : 'LONG';
MAP           : 'MAP';
MICROSECOND   : 'MICROSECOND';
MICROSECONDS  : 'MICROSECONDS';
MILLISECOND   : 'MILLISECOND';
MILLISECONDS  : 'MILLISECONDS';
MINUTE        : 'MINUTE';
MINUTES       : 'MINUTES';
MONTH         : 'MONTH';
MONTHS        : 'MONTHS';
NAMESPACE     : 'NAMESPACE';
NATURAL       : 'NATURAL';
NOSCAN        : 'NOSCAN';
NOT           : 'NOT';
NULL          : 'NULL';
NULLS         : 'NULLS';
NUMERIC       : 'NUMERIC';
OFFSET        : 'OFFSET';
ON            : 'ON';
OPTIONS       : 'OPTIONS';
OR            : 'OR';
ORDER         : 'ORDER';
OUTER         : 'OUTER';
OVER          : 'OVER';
OVERLAY       : 'OVERLAY';
OVERWRITE     : 'OVERWRITE';
PARTITION     : 'PARTITION';
PARTITIONS    : 'PARTITIONS';
PARTITIONED   : 'PARTITIONED';
PIVOT         : 'PIVOT';
PLACING       : 'PLACING';
POSITION      : 'POSITION';
PRECEDING     : 'PRECEDING';
PURGE         : 'PURGE';
QUALIFY       : 'QUALIFY';
QUERY         : 'QUERY';
RANGE         : 'RANGE';
REAL          : 'REAL';
REFRESH       : 'REFRESH';
REGEXP        : 'REGEXP';
RENAME        : 'RENAME';
REPLACE       : 'REPLACE';
RESET         : 'RESET';
RESPECT       : 'RESPECT';
RESTRICT      : 'RESTRICT';
RIGHT         : 'RIGHT';
RLIKE         : 'RLIKE';
ROLLUP        : 'ROLLUP';
ROW           : 'ROW';
ROWS          : 'ROWS';
SCHEMA        : 'SCHEMA';
SCHEMAS       : 'SCHEMAS';
SECOND        : 'SECOND';
SECONDS       : 'SECONDS';
SELECT        : 'SELECT';
SEMI          : 'SEMI';
SERDEPROPERTIES : 'SERDEPROPERTIES';
SET           : 'SET';
SETMINUS      : 'MINUS';
SETS          : 'SETS';
SHORT         : 'SHORT';
SHOW          : 'SHOW';
SMALLINT      : 'SMALLINT';
SOME          : 'SOME';
SORT          : 'SORT';
STATISTICS    : 'STATISTICS';
STRING        : 'STRING';
STRUCT        : 'STRUCT';
SUBSTR        : 'SUBSTR';
SUBSTRING     : 'SUBSTRING';
TABLE         : 'TABLE';
TABLES        : 'TABLES';
TBLPROPERTIES : 'TBLPROPERTIES';
TEMPORARY     : 'TEMPORARY' | 'TEMP';
THEN          : 'THEN';
TIMESTAMP     : 'TIMESTAMP';
TIMESTAMP_LTZ : 'TIMESTAMP_LTZ';
TIMESTAMP_NTZ : 'TIMESTAMP_NTZ';
TINYINT       : 'TINYINT';
TO            : 'TO';
TRAILING      : 'TRAILING';
TRIM          : 'TRIM';
TRUE          : 'TRUE';
TRUNCATE      : 'TRUNCATE';
TRY_CAST      : 'TRY_CAST';
UNBOUNDED     : 'UNBOUNDED';
UNCACHE       : 'UNCACHE';
UNION         : 'UNION';
UNKNOWN       : 'UNKNOWN';
UNPIVOT       : 'UNPIVOT';
UNSET         : 'UNSET';
USE           : 'USE';
USING         : 'USING';
VALUES        : 'VALUES';
VARCHAR       : 'VARCHAR';
VIEW          : 'VIEW';
VOID          : 'VOID';
WEEK          : 'WEEK';
WEEKS         : 'WEEKS';
WHEN          : 'WHEN';
WHERE         : 'WHERE';
WINDOW        : 'WINDOW';
WITH          : 'WITH';
WITHIN        : 'WITHIN';
YEAR          : 'YEAR';
YEARS         : 'YEARS';

// ---------------------------------------------------------------------------------------------------------
// Literals. A string is single- or double-quoted and takes backslash escapes; adjacent strings are joined by
// the parser (rule stringLit). Numeric suffixes: L bigint, S smallint, Y tinyint, D double, F float,
// BD decimal. A number without a suffix is an int (or a decimal when it has a fraction or an exponent).
// ---------------------------------------------------------------------------------------------------------
STRING_LITERAL
    : '\'' ( ~['\\] | '\\' . )* '\''
    | '"' ( ~["\\] | '\\' . )* '"'
    ;

BINARY_HEX : 'X\'' [0-9A-F]* '\'';

BIGINT_LITERAL     : DIGIT+ 'L';
SMALLINT_LITERAL   : DIGIT+ 'S';
TINYINT_LITERAL    : DIGIT+ 'Y';
INTEGER_VALUE      : DIGIT+;
EXPONENT_VALUE     : (DIGIT+ | DECIMAL_DIGITS) EXPONENT;
DECIMAL_VALUE      : DECIMAL_DIGITS;
FLOAT_LITERAL      : (DIGIT+ | DECIMAL_DIGITS) EXPONENT? 'F';
DOUBLE_LITERAL     : (DIGIT+ | DECIMAL_DIGITS) EXPONENT? 'D';
BIGDECIMAL_LITERAL : (DIGIT+ | DECIMAL_DIGITS) EXPONENT? 'BD';

// ---------------------------------------------------------------------------------------------------------
// Identifiers: a letter or underscore, then letters, digits and underscores; or any text between backquotes,
// where a doubled backquote stands for one.
// ---------------------------------------------------------------------------------------------------------
IDENTIFIER            : (LETTER | '_') (LETTER | DIGIT | '_')*;
BACKQUOTED_IDENTIFIER : '`' ( ~'`' | '``' )* '`';

// ---------------------------------------------------------------------------------------------------------
// Comments and whitespace. A bracketed comment may nest; one that starts with '/*+' is a hint instead
// (HINT_START above), which the parser accepts right after SELECT.
// ---------------------------------------------------------------------------------------------------------
LINE_COMMENT      : '--' ~[\r\n]* -> channel(HIDDEN);
BRACKETED_COMMENT : '/*' {_input.LA(1) != '+'}? ( BRACKETED_COMMENT | . )*? '*/' -> channel(HIDDEN);
WS                : [ \t\r\n\f\u000B]+ -> channel(HIDDEN);

// ---------------------------------------------------------------------------------------------------------
// Tokens that are always errors. They reach the end of the input without finding their end, so they cannot
// be longer than a correct token starting at the same place: a well-formed string or comment always wins.
// ---------------------------------------------------------------------------------------------------------
UNCLOSED_STRING
    : '\'' ( ~['\\] | '\\' . )* '\\'? EOF
    | '"' ( ~["\\] | '\\' . )* '\\'? EOF
    ;
UNCLOSED_BACKQUOTE : '`' ( ~'`' | '``' )* EOF;
UNCLOSED_COMMENT   : '/*' ( ~'*' | '*'+ ~[*/] )* '*'* EOF;
UNRECOGNIZED       : .;

fragment DIGIT          : [0-9];
fragment LETTER         : [\p{L}];
fragment EXPONENT       : 'E' [+-]? DIGIT+;
fragment DECIMAL_DIGITS : DIGIT+ '.' DIGIT* | '.' DIGIT+;
