#ifndef COSTTOP_CSVSCAN_H
#define COSTTOP_CSVSCAN_H
#include <stddef.h>
#include <stdint.h>

/// Scans `bytes[0..<count)` for the end of one CSV record without quotes: writes the offset of every
/// comma before the first line feed into `commas` (at most `max_commas`), and returns the number
/// written. `*line_feed` receives the offset of the first line feed, or -1 when there is none in
/// range; `*quoted` is set to 1 when a double quote appears before it (the caller then parses the
/// record the slow way) and `*overflow` to 1 when there were more than `max_commas` commas.
/// SSE2 compares 16 bytes at a time and turns the matches into bit masks (`movemask`), which Swift
/// cannot express; this is the only C in the CSV reader.
size_t costtop_scan_record(const uint8_t *bytes, size_t count, uint32_t *commas, size_t max_commas,
                           long *line_feed, int *quoted, int *overflow);

#endif
