/*
 * table.c: column tables for list output (see table.h for the layout).
 *
 * Widths are display widths in the current locale (a CJK character counts two),
 * measured after escaping, so columns line up on a terminal.
 */
#include <stdarg.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "tools/virsh/table.h"

typedef struct {
    char *text;        /* escaped */
    size_t width;      /* display width of text */
} Cell;

struct VshTable {
    size_t ncols;
    GArray *rows;      /* of Cell *, ncols each; row 0 is the header */
};

/* Escape @s for display and measure it. */
static Cell
cell_make(const char *s)
{
    GString *out = g_string_new(NULL);
    size_t len = strlen(s);
    size_t width = 0;
    mbstate_t st;

    memset(&st, 0, sizeof(st));
    while (len > 0) {
        wchar_t wc;
        size_t n = mbrtowc(&wc, s, len, &st);

        if (n == (size_t) -1 || n == (size_t) -2) {
            /* not a character in this locale: one escaped byte at a time */
            g_string_append(out, "\\xff");
            width += 4;
            memset(&st, 0, sizeof(st));
            n = 1;
        } else if (n == 0) {
            break;
        } else if (!iswprint(wc)) {
            for (size_t i = 0; i < n; i++)
                g_string_append_printf(out, "\\x%02x", (unsigned char) s[i]);
            width += 4 * n;
        } else {
            int w = wcwidth(wc);

            g_string_append_len(out, s, n);
            width += w > 0 ? (size_t) w : 0;
        }
        s += n;
        len -= n;
    }
    return (Cell) { g_string_free(out, FALSE), width };
}

static void
table_add(VshTable *t, const char *first, va_list ap)
{
    Cell *row = g_new0(Cell, t->ncols);
    const char *s = first;

    for (size_t i = 0; i < t->ncols; i++) {
        row[i] = cell_make(s ? s : "");
        if (s)
            s = va_arg(ap, const char *);
    }
    g_array_append_val(t->rows, row);
}

/**
 * vsh_table_new() - a table with the given column headers (NULL-terminated)
 */
VshTable *
vsh_table_new(const char *first_header, ...)
{
    VshTable *t = g_new0(VshTable, 1);
    va_list ap;

    va_start(ap, first_header);
    for (const char *s = first_header; s; s = va_arg(ap, const char *))
        t->ncols++;
    va_end(ap);

    t->rows = g_array_new(FALSE, FALSE, sizeof(Cell *));
    va_start(ap, first_header);
    table_add(t, first_header, ap);
    va_end(ap);
    return t;
}

/**
 * vsh_table_add_row() - add a row; missing trailing cells are empty
 */
void
vsh_table_add_row(VshTable *t, const char *first_cell, ...)
{
    va_list ap;

    va_start(ap, first_cell);
    table_add(t, first_cell, ap);
    va_end(ap);
}

/**
 * vsh_table_add_rowv() - add a row from an array of exactly ncols cells
 */
void
vsh_table_add_rowv(VshTable *t, const char *const *cells)
{
    Cell *row = g_new0(Cell, t->ncols);

    for (size_t i = 0; i < t->ncols; i++)
        row[i] = cell_make(cells[i] ? cells[i] : "");
    g_array_append_val(t->rows, row);
}

static void
row_format(GString *out, const Cell *row, const size_t *widths, size_t ncols)
{
    for (size_t c = 0; c < ncols; c++) {
        g_string_append_c(out, ' ');
        g_string_append(out, row[c].text);
        if (c + 1 < ncols) {
            for (size_t i = row[c].width; i < widths[c] + 2; i++)
                g_string_append_c(out, ' ');
        }
    }
    g_string_append_c(out, '\n');
}

/**
 * vsh_table_to_string() - format the table, with or without header and rule
 */
char *
vsh_table_to_string(const VshTable *t, bool header)
{
    g_autofree size_t *widths = g_new0(size_t, t->ncols);
    GString *out = g_string_new(NULL);
    size_t total = 0;

    /* without the header, its cells do not count for the widths either */
    for (size_t r = header ? 0 : 1; r < t->rows->len; r++) {
        const Cell *row = g_array_index(t->rows, Cell *, r);

        for (size_t c = 0; c < t->ncols; c++)
            widths[c] = MAX(widths[c], row[c].width);
    }
    for (size_t c = 0; c < t->ncols; c++)
        total += widths[c] + 3;

    for (size_t r = header ? 0 : 1; r < t->rows->len; r++) {
        row_format(out, g_array_index(t->rows, Cell *, r), widths, t->ncols);
        if (r == 0) {
            for (size_t i = 0; i < total; i++)
                g_string_append_c(out, '-');
            g_string_append_c(out, '\n');
        }
    }
    return g_string_free(out, FALSE);
}

/**
 * vsh_table_print() - print the table; --quiet drops the header and rule
 */
void
vsh_table_print(VshCtl *ctl, const VshTable *t)
{
    g_autofree char *s = vsh_table_to_string(t, !ctl->quiet);

    vsh_print(ctl, "%s", s);
}

/**
 * vsh_table_free() - free a table (NULL is fine)
 */
void
vsh_table_free(VshTable *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->rows->len; r++) {
        Cell *row = g_array_index(t->rows, Cell *, r);

        for (size_t c = 0; c < t->ncols; c++)
            g_free(row[c].text);
        g_free(row);
    }
    g_array_free(t->rows, TRUE);
    g_free(t);
}
