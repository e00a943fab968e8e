#include "csvscan.h"
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

size_t costtop_scan_record(const uint8_t *bytes, size_t count, uint32_t *commas, size_t max_commas,
                           long *line_feed, int *quoted, int *overflow) {
    size_t found = 0;
    size_t index = 0;
    *line_feed = -1;
    *quoted = 0;
    *overflow = 0;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(',');
    const __m128i newline = _mm_set1_epi8('\n');
    const __m128i quote = _mm_set1_epi8('"');
    while (index + 16 <= count) {
        __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
        unsigned commaMask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, comma));
        unsigned newlineMask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline));
        unsigned quoteMask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, quote));
        if (newlineMask) {
            unsigned first = (unsigned)__builtin_ctz(newlineMask);
            unsigned before = (1u << first) - 1u;
            if (quoteMask & before) { *quoted = 1; return found; }
            commaMask &= before;
            while (commaMask) {
                if (found == max_commas) { *overflow = 1; return found; }
                commas[found++] = (uint32_t)(index + (unsigned)__builtin_ctz(commaMask));
                commaMask &= commaMask - 1;
            }
            *line_feed = (long)(index + first);
            return found;
        }
        if (quoteMask) { *quoted = 1; return found; }
        while (commaMask) {
            if (found == max_commas) { *overflow = 1; return found; }
            commas[found++] = (uint32_t)(index + (unsigned)__builtin_ctz(commaMask));
            commaMask &= commaMask - 1;
        }
        index += 16;
    }
#endif
    for (; index < count; index++) {
        uint8_t byte = bytes[index];
        if (byte == '\n') { *line_feed = (long)index; return found; }
        if (byte == '"') { *quoted = 1; return found; }
        if (byte == ',') {
            if (found == max_commas) { *overflow = 1; return found; }
            commas[found++] = (uint32_t)index;
        }
    }
    return found;
}
