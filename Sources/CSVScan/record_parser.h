// The record parser's body, compiled twice by csvscan.c: once for SSE2 and once for AVX2, each with
// its own window scan (PARSE_NAME, WINDOW_MASKS and PARSE_ATTRIBUTES are defined before including).

PARSE_ATTRIBUTES static long PARSE_NAME(const uint8_t *bytes, size_t count, long base, long *starts, long *ends,
                                         size_t max_fields, uint32_t *escaped, size_t *escaped_count,
                                         size_t *record_end) {
    size_t fields = 0;
    size_t escapes = 0;
    size_t field_start = 0;
    size_t content_start = 0;
    int in_quotes = 0;
    int field_escaped = 0;
    /// Structural bytes before this offset were already consumed (the second quote of `""`, the
    /// comma after a closing quote).
    size_t skip_until = 0;
    for (size_t window = 0; window < count; window += 64) {
        uint64_t commas, newlines, quotes;
        WINDOW_MASKS(bytes + window, count - window, &commas, &newlines, &quotes);
        uint64_t before_newline = newlines ? (newlines & (0 - newlines)) - 1 : ~(uint64_t)0;
        if (!in_quotes && skip_until <= window && (quotes & before_newline) == 0) {
            // The common window: no quote before the line feed, so every comma ends a field.
            uint64_t field_ends = commas & before_newline;
            while (field_ends) {
                size_t at = window + (size_t)__builtin_ctzll(field_ends);
                field_ends &= field_ends - 1;
                if (fields == max_fields) return -1;
                starts[fields] = base + (long)field_start;
                ends[fields] = base + (long)at;
                fields++;
                field_start = at + 1;
            }
            if (!newlines) continue;
            if (fields == max_fields) return -1;
            size_t at = window + (size_t)__builtin_ctzll(newlines);
            return end_record(bytes, at, field_start, base, starts, ends, fields, escapes, escaped_count, record_end);
        }
        uint64_t mask = commas | newlines | quotes;
        while (mask) {
            size_t at = window + (size_t)__builtin_ctzll(mask);
            mask &= mask - 1;
            if (at < skip_until) continue;
            uint8_t byte = bytes[at];
            if (in_quotes) {
                if (byte == '\n') return -1;  // the general parser counts lines inside quoted fields
                if (byte != '"') continue;
                if (at + 1 >= count) return -1;
                if (bytes[at + 1] == '"') {
                    field_escaped = 1;
                    skip_until = at + 2;
                    continue;
                }
                if (fields == max_fields) return -1;
                starts[fields] = base + (long)content_start;
                ends[fields] = base + (long)at;
                if (field_escaped) escaped[escapes++] = (uint32_t)fields;
                fields++;
                in_quotes = 0;
                uint8_t after = bytes[at + 1];
                if (after == ',') {
                    field_start = at + 2;
                    skip_until = at + 2;
                    continue;
                }
                if (after == '\n') {
                    *record_end = at + 2;
                    *escaped_count = escapes;
                    return (long)fields;
                }
                if (after == '\r' && at + 2 < count && bytes[at + 2] == '\n') {
                    *record_end = at + 3;
                    *escaped_count = escapes;
                    return (long)fields;
                }
                return -1;
            }
            if (byte == '"') {
                if (at == field_start) {
                    in_quotes = 1;
                    field_escaped = 0;
                    content_start = at + 1;
                }
                continue;  // elsewhere a quote is an ordinary byte
            }
            if (fields == max_fields) return -1;
            if (byte == ',') {
                starts[fields] = base + (long)field_start;
                ends[fields] = base + (long)at;
                fields++;
                field_start = at + 1;
                continue;
            }
            return end_record(bytes, at, field_start, base, starts, ends, fields, escapes, escaped_count, record_end);
        }
    }
    return -1;
}
