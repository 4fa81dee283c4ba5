package dev.ember.sql.sources.parquet;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;

/**
 * One Parquet file open for reading: its footer, and the pages of a row group's columns decompressed into a {@link
 * PageReadStore} that parquet-column's record assembly reads.
 *
 * <p>This replaces {@code ParquetFileReader}, whose options can only be built through a builder that loads Hadoop
 * classes; everything here uses parquet-column, parquet-format's Thrift structures and the footer converter, none of
 * which need Hadoop. Encrypted files are not supported, nor are page checksums verified.
 */
final class ParquetFile implements Closeable {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPTED_MAGIC = "PARE".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final FileChannel channel;
    private final ParquetMetadata footer;

    /**
     * Per thread, the buffer the last column chunk was read into, kept for the next chunk (of any file): a chunk's
     * pages are decompressed into arrays of their own before {@link #readChunk} returns, so the buffer is free again
     * then. A new buffer per chunk, a megabyte or more, would be a humongous allocation for the collector each time.
     * Buffers above {@link #KEPT_BUFFER_BYTES} are not kept.
     */
    private static final ThreadLocal<byte[]> CHUNK_BUFFERS = ThreadLocal.withInitial(() -> new byte[0]);

    private static final int KEPT_BUFFER_BYTES = 16 << 20;

    private ParquetFile(Path path, FileChannel channel, ParquetMetadata footer) {
        this.path = path;
        this.channel = channel;
        this.footer = footer;
    }

    /** Opens {@code path} and reads its footer; fails naming the file when it is not a readable Parquet file. */
    static ParquetFile open(Path path) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED, "Cannot open the Parquet file " + path + ": " + e.getMessage(), e);
        }
        try {
            return new ParquetFile(path, channel, readFooter(path, channel));
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (e instanceof EmberException) {
                throw e;
            }
            throw corrupt(path, e.getMessage(), e);
        }
    }

    /** The footer of {@code path}. */
    static ParquetMetadata readFooter(Path path) throws IOException {
        try (ParquetFile file = open(path)) {
            return file.footer();
        }
    }

    private static ParquetMetadata readFooter(Path path, FileChannel channel) throws IOException {
        long length = channel.size();
        if (length < MAGIC.length * 2L + 4) {
            throw corrupt(path, "it is " + length + " bytes long, too short for a Parquet file", null);
        }
        ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, tail, length - 8);
        byte[] magic = Arrays.copyOfRange(tail.array(), 4, 8);
        if (Arrays.equals(magic, ENCRYPTED_MAGIC)) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "The Parquet file " + path + " has an encrypted footer: encrypted files are not supported");
        }
        if (!Arrays.equals(magic, MAGIC)) {
            throw corrupt(path, "it does not end with the Parquet magic bytes PAR1", null);
        }
        int footerLength = tail.getInt(0);
        long footerStart = length - 8 - footerLength;
        if (footerLength <= 0 || footerStart < MAGIC.length) {
            throw corrupt(path, "its footer length " + footerLength + " does not fit the file", null);
        }
        ByteBuffer footerBytes = ByteBuffer.allocate(footerLength);
        readFully(channel, footerBytes, footerStart);
        return new ParquetMetadataConverter()
                .readParquetMetadata(new ByteArrayInputStream(footerBytes.array()), ParquetMetadataConverter.NO_FILTER);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("The file ends at " + at);
            }
            at += read;
        }
    }

    static EmberException corrupt(Path path, String why, Throwable cause) {
        return new EmberException(
                ErrorClass.INPUT_READ_FAILED,
                "The file " + path + " is not a valid Parquet file" + (why == null ? "" : ": " + why),
                cause);
    }

    Path path() {
        return path;
    }

    ParquetMetadata footer() {
        return footer;
    }

    MessageType schema() {
        return footer.getFileMetaData().getSchema();
    }

    String createdBy() {
        return footer.getFileMetaData().getCreatedBy();
    }

    List<BlockMetaData> rowGroups() {
        return footer.getBlocks();
    }

    /** The pages of the columns of {@code requested} in {@code block}, read and decompressed. */
    PageReadStore readRowGroup(BlockMetaData block, MessageType requested) throws IOException {
        Map<ColumnPathKey, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData chunk : block.getColumns()) {
            chunks.put(new ColumnPathKey(chunk.getPath().toArray()), chunk);
        }
        Map<ColumnPathKey, PageReader> readers = new HashMap<>();
        for (ColumnDescriptor column : requested.getColumns()) {
            ColumnPathKey key = new ColumnPathKey(column.getPath());
            ColumnChunkMetaData chunk = chunks.get(key);
            if (chunk == null) {
                throw corrupt(path, "a row group has no column chunk for " + String.join(".", column.getPath()), null);
            }
            try {
                readers.put(key, readChunk(column, chunk));
            } catch (IOException | RuntimeException e) {
                if (e instanceof EmberException) {
                    throw e;
                }
                throw corrupt(
                        path,
                        "the column chunk of " + String.join(".", column.getPath()) + " at byte "
                                + chunk.getStartingPos() + " cannot be read (" + e + ")",
                        e);
            }
        }
        long rowCount = block.getRowCount();
        return new PageReadStore() {
            @Override
            public PageReader getPageReader(ColumnDescriptor descriptor) {
                PageReader reader = readers.get(new ColumnPathKey(descriptor.getPath()));
                if (reader == null) {
                    throw new IllegalArgumentException(
                            "Column " + String.join(".", descriptor.getPath()) + " was not read");
                }
                return reader;
            }

            @Override
            public long getRowCount() {
                return rowCount;
            }
        };
    }

    private PageReader readChunk(ColumnDescriptor column, ColumnChunkMetaData chunk) throws IOException {
        long start = chunk.getStartingPos();
        long size = chunk.getTotalSize();
        if (start < 0 || size < 0 || size > Integer.MAX_VALUE - 16 || start + size > channel.size()) {
            throw new IOException("the chunk's range " + start + "+" + size + " is outside the file");
        }
        int length = (int) size;
        byte[] bytes = CHUNK_BUFFERS.get();
        if (bytes.length < length) {
            bytes = new byte[length];
            if (length <= KEPT_BUFFER_BYTES) {
                CHUNK_BUFFERS.set(bytes);
            }
        }
        readFully(channel, ByteBuffer.wrap(bytes, 0, length), start);
        PositionedInput in = new PositionedInput(bytes, length);
        long valueCount = chunk.getValueCount();
        long valuesRead = 0;
        DictionaryPage dictionary = null;
        ArrayDeque<DataPage> pages = new ArrayDeque<>();
        Statistics<?> noStatistics = Statistics.createStats(column.getPrimitiveType());
        while (valuesRead < valueCount && in.position() < length) {
            PageHeader header = Util.readPageHeader(in);
            int compressedSize = header.getCompressed_page_size();
            int uncompressedSize = header.getUncompressed_page_size();
            int at = in.position();
            // A page starts after its header, so its data never spans the whole buffer, and decompress (which hands
            // back its input only then) always gives the page an array of its own, apart from the reused buffer.
            if (compressedSize < 0 || uncompressedSize < 0 || at + compressedSize > length) {
                throw new IOException("a page of " + compressedSize + " bytes overruns the chunk");
            }
            switch (header.getType()) {
                case DICTIONARY_PAGE: {
                    DictionaryPageHeader dictionaryHeader = header.getDictionary_page_header();
                    byte[] data =
                            ParquetCodecs.decompress(chunk.getCodec(), bytes, at, compressedSize, uncompressedSize);
                    dictionary = new DictionaryPage(
                            BytesInput.from(data),
                            dictionaryHeader.getNum_values(),
                            encoding(dictionaryHeader.getEncoding()));
                    break;
                }
                case DATA_PAGE: {
                    DataPageHeader dataHeader = header.getData_page_header();
                    byte[] data =
                            ParquetCodecs.decompress(chunk.getCodec(), bytes, at, compressedSize, uncompressedSize);
                    pages.add(new DataPageV1(
                            BytesInput.from(data),
                            dataHeader.getNum_values(),
                            uncompressedSize,
                            noStatistics,
                            encoding(dataHeader.getRepetition_level_encoding()),
                            encoding(dataHeader.getDefinition_level_encoding()),
                            encoding(dataHeader.getEncoding())));
                    valuesRead += dataHeader.getNum_values();
                    break;
                }
                case DATA_PAGE_V2: {
                    DataPageHeaderV2 dataHeader = header.getData_page_header_v2();
                    int repetitionLength = dataHeader.getRepetition_levels_byte_length();
                    int definitionLength = dataHeader.getDefinition_levels_byte_length();
                    int levelsLength = repetitionLength + definitionLength;
                    if (repetitionLength < 0 || definitionLength < 0 || levelsLength > compressedSize) {
                        throw new IOException("a V2 data page's levels overrun the page");
                    }
                    byte[] repetition = Arrays.copyOfRange(bytes, at, at + repetitionLength);
                    byte[] definition = Arrays.copyOfRange(bytes, at + repetitionLength, at + levelsLength);
                    boolean compressed = !dataHeader.isSetIs_compressed() || dataHeader.isIs_compressed();
                    byte[] data = ParquetCodecs.decompress(
                            compressed
                                    ? chunk.getCodec()
                                    : org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED,
                            bytes,
                            at + levelsLength,
                            compressedSize - levelsLength,
                            uncompressedSize - levelsLength);
                    pages.add(DataPageV2.uncompressed(
                            dataHeader.getNum_rows(),
                            dataHeader.getNum_nulls(),
                            dataHeader.getNum_values(),
                            BytesInput.from(repetition),
                            BytesInput.from(definition),
                            encoding(dataHeader.getEncoding()),
                            BytesInput.from(data),
                            noStatistics));
                    valuesRead += dataHeader.getNum_values();
                    break;
                }
                default:
                    // Index pages and page types of later format versions hold nothing the reader needs.
                    break;
            }
            in.skipTo(at + compressedSize);
        }
        if (valuesRead < valueCount) {
            throw new IOException("the chunk holds " + valuesRead + " values where the footer says " + valueCount);
        }
        DictionaryPage dictionaryPage = dictionary;
        return new PageReader() {
            @Override
            public DictionaryPage readDictionaryPage() {
                return dictionaryPage;
            }

            @Override
            public long getTotalValueCount() {
                return valueCount;
            }

            @Override
            public DataPage readPage() {
                return pages.poll();
            }
        };
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding encoding) {
        return Encoding.valueOf(encoding.name());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A column's path as a map key. */
    private record ColumnPathKey(List<String> parts) {
        ColumnPathKey(String[] parts) {
            this(List.of(parts));
        }
    }

    /** A stream over a byte array that tells where it is, for parsing page headers in place. */
    private static final class PositionedInput extends ByteArrayInputStream {
        PositionedInput(byte[] bytes, int length) {
            super(bytes, 0, length);
        }

        int position() {
            return pos;
        }

        void skipTo(int position) {
            pos = position;
        }
    }
}
