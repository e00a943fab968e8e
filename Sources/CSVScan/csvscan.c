#include "csvscan.h"
#include <stdlib.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// Bit i of each mask is set when bytes[i] is a comma, a line feed or a double quote, for the first
/// 64 bytes (fewer when `count` is smaller; the other bits stay 0).
static inline void window_masks_sse2(const uint8_t *bytes, size_t count,
                                uint64_t *commas, uint64_t *newlines, uint64_t *quotes) {
    uint64_t c = 0, n = 0, q = 0;
    size_t index = 0;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i quote = _mm_set1_epi8('"');
    for (; index < 64 && index + 16 <= count; index += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        c |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, comma)) << index;
        n |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline)) << index;
        q |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, quote)) << index;
    }
#endif
    for (; index < 64 && index < count; index++) {
        uint8_t byte = bytes[index];
        c |= (uint64_t)(byte == ',') << index;
        n |= (uint64_t)(byte == '\n') << index;
        q |= (uint64_t)(byte == '"') << index;
    }
    *commas = c;
    *newlines = n;
    *quotes = q;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define COSTTOP_HAS_AVX2_PATH 1

/// The same masks from two 32-byte compares per window (AVX2), where the CPU has it.
__attribute__((target("avx2")))
static inline void window_masks_avx2(const uint8_t *bytes, size_t count,
                                     uint64_t *commas, uint64_t *newlines, uint64_t *quotes) {
    if (count < 64) {
        window_masks_sse2(bytes, count, commas, newlines, quotes);
        return;
    }
    __m256i low = _mm256_loadu_si256((const __m256i *)bytes);
    __m256i high = _mm256_loadu_si256((const __m256i *)(bytes + 32));
    const __m256i comma = _mm256_set1_epi8(',');
    const __m256i newline = _mm256_set1_epi8('\n');
    const __m256i quote = _mm256_set1_epi8('"');
    *commas = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, comma))
        | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, comma)) << 32;
    *newlines = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, newline))
        | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, newline)) << 32;
    *quotes = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, quote))
        | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, quote)) << 32;
}
#endif

/// Ends the record at the line feed at `at`: the last field (less a carriage return just before the
/// line feed), where the next record starts; returns the number of fields.
static inline long end_record(const uint8_t *bytes, size_t at, size_t field_start, long base, long *starts,
                              long *ends, size_t fields, size_t escapes, size_t *escaped_count,
                              size_t *record_end) {
    size_t end = at;
    if (end > field_start && bytes[end - 1] == '\r') end--;
    starts[fields] = base + (long)field_start;
    ends[fields] = base + (long)end;
    *record_end = at + 1;
    *escaped_count = escapes;
    return (long)(fields + 1);
}

#define PARSE_NAME parse_record_sse2
#define WINDOW_MASKS window_masks_sse2
#define PARSE_ATTRIBUTES
#include "record_parser.h"
#undef PARSE_NAME
#undef WINDOW_MASKS
#undef PARSE_ATTRIBUTES

#if COSTTOP_HAS_AVX2_PATH
#define PARSE_NAME parse_record_avx2
#define WINDOW_MASKS window_masks_avx2
#define PARSE_ATTRIBUTES __attribute__((target("avx2")))
#include "record_parser.h"

/// Whether this CPU has AVX2, asked once when the library loads.
static int use_avx2 = 0;
__attribute__((constructor)) static void detect_avx2(void) {
    __builtin_cpu_init();
    use_avx2 = __builtin_cpu_supports("avx2") && getenv("COSTTOP_NO_AVX2") == NULL;
}
#endif

long costtop_parse_record_sse2(const uint8_t *bytes, size_t count, long base, long *starts, long *ends,
                               size_t max_fields, uint32_t *escaped, size_t *escaped_count, size_t *record_end) {
    return parse_record_sse2(bytes, count, base, starts, ends, max_fields, escaped, escaped_count, record_end);
}

long costtop_parse_record(const uint8_t *bytes, size_t count, long base, long *starts, long *ends,
                          size_t max_fields, uint32_t *escaped, size_t *escaped_count, size_t *record_end) {
#if COSTTOP_HAS_AVX2_PATH
    if (use_avx2) return parse_record_avx2(bytes, count, base, starts, ends, max_fields, escaped, escaped_count, record_end);
#endif
    return parse_record_sse2(bytes, count, base, starts, ends, max_fields, escaped, escaped_count, record_end);
}
