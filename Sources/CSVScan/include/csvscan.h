#ifndef COSTTOP_CSVSCAN_H
#define COSTTOP_CSVSCAN_H
#include <stddef.h>
#include <stdint.h>

/// Parses the CSV record at the start of `bytes[0..<count)` when it has the usual well-formed shape,
/// quoted fields included. On success returns the number of fields and writes, for each, its start
/// and end offsets plus `base` into `starts` / `ends` (a quoted field's content, without its quotes),
/// the indexes of quoted fields holding `""` escapes into `escaped` (their number in
/// `*escaped_count`) and the offset just past the record's line feed into `*record_end`.
/// Returns -1 when the record needs the general parser: no line feed in range, a line break inside a
/// quoted field, anything but a comma or a line break after a closing quote, or more than
/// `max_fields` fields. The rules are the general parser's: a quote opens a quoted field only as
/// its first byte and is kept as it is elsewhere; a carriage return before the line feed is dropped.
/// SSE2 compares 16 bytes at a time and turns the matches into bit masks (`movemask`), which Swift
/// cannot express; this is the only C in the CSV reader.
long costtop_parse_record(const uint8_t *bytes, size_t count, long base, long *starts, long *ends,
                          size_t max_fields, uint32_t *escaped, size_t *escaped_count, size_t *record_end);

#endif
