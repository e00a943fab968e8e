// The C side of the terminal layer: ncurses (wide-character build) plus the few shims Swift
// cannot import by itself. Only Sources/CostTerminal uses this module.
#ifndef COSTTOP_CNCURSES_SHIM_H
#define COSTTOP_CNCURSES_SHIM_H

// Without this, <curses.h> hides cchar_t, wget_wch, setcchar and mvwadd_wch.
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <langinfo.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

// Attribute values are macros built from NCURSES_BITS, which Swift does not import.
static inline attr_t costtop_attr_normal(void) { return A_NORMAL; }
static inline attr_t costtop_attr_bold(void) { return A_BOLD; }
static inline attr_t costtop_attr_underline(void) { return A_UNDERLINE; }
static inline attr_t costtop_attr_reverse(void) { return A_REVERSE; }

// C globals (some are macros over functions in ncurses): Swift 6 strict concurrency rejects
// touching mutable globals directly, and these calls keep the answer in one place.
static inline WINDOW *costtop_stdscr(void) { return stdscr; }
static inline int costtop_colors(void) { return COLORS; }
static inline int costtop_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *costtop_stdout(void) { return stdout; }
static inline FILE *costtop_stdin(void) { return stdin; }

// The character set of the current locale ("UTF-8" under C.UTF-8 or en_US.UTF-8), after
// setlocale; CODESET is an enum member Swift does not see on every platform.
static inline const char *costtop_codeset(void) { return nl_langinfo(CODESET); }

// glibc declares wcwidth only for _XOPEN_SOURCE builds, which Swift's C modules are not. The
// width ncurses uses for a character comes from this very function.
extern int wcwidth(wchar_t character);
static inline int costtop_wcwidth(wchar_t character) { return wcwidth(character); }

// getmaxyx is a macro that assigns to its arguments.
static inline void costtop_getmaxyx(WINDOW *window, int *height, int *width) {
    int h, w;
    getmaxyx(window, h, w);
    *height = h;
    *width = w;
}

// ioctl is variadic, so Swift cannot call it; the resize path asks the tty for its size.
static inline int costtop_tty_size(int fd, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0 || size.ws_row == 0 || size.ws_col == 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

// tigetstr answers NULL (absent) or (char *)-1 (not a string capability); callers only want
// a usable string.
static inline const char *costtop_tigetstr(const char *name) {
    char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) return NULL;
    return value;
}

// Puts one grapheme (a spacing character and up to four combining ones, NUL-terminated) with
// attributes and a colour pair at y/x. setcchar drops anything after the first spacing
// character, so a malformed cluster cannot spill into the next cell.
static inline int costtop_put_cell(WINDOW *window, int y, int x, const wchar_t *text,
                                   attr_t attributes, short pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, pair, NULL) != OK) return ERR;
    return mvwadd_wch(window, y, x, &cell);
}

// Sets the character and colour that erasing and clearing fill with.
static inline void costtop_set_background(WINDOW *window, short pair) {
    cchar_t blank;
    wchar_t space[2] = { L' ', 0 };
    setcchar(&blank, space, A_NORMAL, pair, NULL);
    wbkgrndset(window, &blank);
}

// setupterm, set_curterm and del_curterm, for asking terminfo before starting ncurses. Included
// last: term.h defines macros named `lines`, `columns` and hundreds more that would rewrite the
// code above.
#include <ncursesw/term.h>

#endif
