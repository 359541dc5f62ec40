/*
 * table.h: the column tables every list command prints.
 *
 *   VshTable *t = vsh_table_new("UUID", "Usage", NULL);
 *   vsh_table_add_row(t, uuid, usage, NULL);
 *   vsh_table_print(ctl, t);
 *
 * Layout: each cell is " " + text padded to the column's display width + "  ", the
 * last column unpadded; a dash rule as wide as all columns follows the header; with
 * --quiet, header and rule are dropped. Unprintable characters are shown as \xNN.
 */
#pragma once

#include "tools/virsh/virsh.h"

typedef struct VshTable VshTable;

VshTable *vsh_table_new(const char *first_header, ...) G_GNUC_NULL_TERMINATED;
void vsh_table_add_row(VshTable *t, const char *first_cell, ...) G_GNUC_NULL_TERMINATED;
void vsh_table_add_rowv(VshTable *t, const char *const *cells);
void vsh_table_print(VshCtl *ctl, const VshTable *t);
char *vsh_table_to_string(const VshTable *t, bool header);
void vsh_table_free(VshTable *t);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VshTable, vsh_table_free)
