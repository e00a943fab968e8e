#include "csvscan.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Bit i is set when bytes[i] is a comma, a line feed or a double quote (i < 16, i < count).
static inline unsigned structural_mask(const uint8_t *bytes, size_t count) {
#if defined(__SSE2__)
    if (count >= 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)bytes);
        __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8(',')),
                                                 _mm_cmpeq_epi8(block, _mm_set1_epi8('\n'))),
                                    _mm_cmpeq_epi8(block, _mm_set1_epi8('"')));
        return (unsigned)_mm_movemask_epi8(hits);
    }
#endif
    unsigned mask = 0;
    size_t limit = count < 16 ? count : 16;
    for (size_t index = 0; index < limit; index++) {
        uint8_t byte = bytes[index];
        if (byte == ',' || byte == '\n' || byte == '"') mask |= 1u << index;
    }
    return mask;
}

long costtop_parse_record(const uint8_t *bytes, size_t count, long base, long *starts, long *ends,
                          size_t max_fields, uint32_t *escaped, size_t *escaped_count, size_t *record_end) {
    size_t fields = 0;
    size_t escapes = 0;
    size_t field_start = 0;
    size_t content_start = 0;
    int in_quotes = 0;
    int field_escaped = 0;
    /// Structural bytes before this offset were already consumed (the second quote of `""`, the
    /// comma after a closing quote).
    size_t skip_until = 0;
    for (size_t block = 0; block < count; block += 16) {
        unsigned mask = structural_mask(bytes + block, count - block);
        while (mask) {
            size_t at = block + (size_t)__builtin_ctz(mask);
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
            size_t end = at;
            if (end > field_start && bytes[end - 1] == '\r') end--;
            starts[fields] = base + (long)field_start;
            ends[fields] = base + (long)end;
            fields++;
            *record_end = at + 1;
            *escaped_count = escapes;
            return (long)fields;
        }
    }
    return -1;
}
