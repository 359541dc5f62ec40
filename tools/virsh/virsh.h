/*
 * virsh.h: the command framework of our virsh.
 *
 * A command is one const table entry (VshCmdDef) naming its handler and its options
 * (VshOptDef). Commands are collected in groups (VshCmdGroup), one group per object
 * family, each in its own cmd-<family>.c; groups.c lists the groups. The framework
 * parses command lines against those tables, prints help from them, and hands the
 * handler a parsed VshCmd whose values it reads with the vsh_opt_*() accessors.
 * Only the public libvirt API is used.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <glib.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

typedef struct VshCtl VshCtl;
typedef struct VshCmd VshCmd;

/* ---- tables ---- */

typedef enum {
    VSH_OT_BOOL,    /* --name                                                    */
    VSH_OT_STRING,  /* --name <string>; also positional unless VSH_OF_NOPOS       */
    VSH_OT_INT,     /* --name <number>; also positional unless VSH_OF_NOPOS       */
    VSH_OT_DATA,    /* <name>: a string that is also accepted positionally      */
    VSH_OT_ARGV,    /* [<string>]...: every remaining positional argument       */
    VSH_OT_ALIAS,   /* --name is another spelling of the option named by .help  */
} VshOptType;

enum {
    VSH_OF_REQUIRED   = 1 << 0,   /* the command fails to parse without it          */
    VSH_OF_NOPOS      = 1 << 1,   /* STRING/INT: only as --name, never positional   */
    VSH_OF_EMPTY_OK   = 1 << 2,   /* "" is a valid value                            */
    VSH_OF_BARE       = 1 << 3,   /* ARGV: help shows <name>, not [--name] <string> */
};

typedef struct {
    const char *name;
    VshOptType type;
    unsigned int flags;           /* VSH_OF_* */
    const char *help;
} VshOptDef;

typedef bool (*VshCmdHandler)(VshCtl *ctl, const VshCmd *cmd);

enum {
    VSH_CF_NOCONNECT = 1 << 0,    /* runs without opening the connection            */
};

typedef struct {
    const char *name;
    VshCmdHandler handler;
    const VshOptDef *opts;        /* { NULL }-terminated, or NULL for none          */
    const char *summary;          /* one line, shown in group listings              */
    const char *description;      /* shown by 'help <command>'; may be NULL         */
    unsigned int flags;           /* VSH_CF_* */
} VshCmdDef;

#define VSH_GROUP_MAX_TABLES 8

typedef struct {
    const char *name;             /* "Secret"                                       */
    const char *keyword;          /* "secret": 'help secret' lists the group        */
    /* the group's command tables (a family split over several files has one per
     * file), each { NULL }-terminated; unused slots are NULL */
    const VshCmdDef *tables[VSH_GROUP_MAX_TABLES];
} VshCmdGroup;

/* groups.c: every group, in the order 'help' lists them; NULL-terminated */
extern const VshCmdGroup *const vsh_groups[];

/* the per-family tables (cmd-*.c) */
extern const VshCmdGroup vsh_group_domain;
extern const VshCmdGroup vsh_group_monitor;
extern const VshCmdGroup vsh_group_events;
extern const VshCmdGroup vsh_group_host;
extern const VshCmdGroup vsh_group_checkpoint;
extern const VshCmdGroup vsh_group_interface;
extern const VshCmdGroup vsh_group_filter;
extern const VshCmdGroup vsh_group_network;
extern const VshCmdGroup vsh_group_nodedev;
extern const VshCmdGroup vsh_group_secret;
extern const VshCmdGroup vsh_group_snapshot;
extern const VshCmdGroup vsh_group_backup;
extern const VshCmdGroup vsh_group_pool;
extern const VshCmdGroup vsh_group_volume;
extern const VshCmdGroup vsh_group_virsh;

/* the tables of the domain family, one per file (cmd-domain*.c) */
extern const VshCmdDef vsh_cmds_domain_life[];
extern const VshCmdDef vsh_cmds_domain_xml[];
extern const VshCmdDef vsh_cmds_domain_tune[];
extern const VshCmdDef vsh_cmds_domain_dev[];
extern const VshCmdDef vsh_cmds_domain_misc[];
extern const VshCmdDef vsh_cmds_domain_block[];

/* ---- the shell's state ---- */

struct VshCtl {
    virConnectPtr conn;
    char *connname;               /* URI from -c / connect; NULL = library default   */
    bool readonly;
    bool quiet;
    bool imode;                   /* interactive shell                               */
    bool timing;
    int debug;                    /* -d level, 0..4; -1 = off                        */
    int keepalive_interval;       /* -k; -1 = library default                        */
    int keepalive_count;          /* -K; -1 = library default                        */
    bool disconnected;            /* set by the close callback                       */
    int exit_requested;           /* quit/exit ran                                   */
    const char *escape;           /* -e: console escape ("^]" or one character)      */
};

/* ---- parsed command ---- */

typedef struct {
    const VshOptDef *def;
    char *value;                  /* NULL for VSH_OT_BOOL                            */
} VshOptVal;

struct VshCmd {
    const VshCmdDef *def;
    VshOptVal *opts;
    size_t nopts;
    VshCmd *next;
};

/* ---- output (vsh.c) ---- */
void vsh_print(VshCtl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vsh_print_extra(VshCtl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vsh_error(VshCtl *ctl, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void vsh_debug(VshCtl *ctl, int level, const char *fmt, ...) G_GNUC_PRINTF(3, 4);

/* libvirt errors: the saved last error of the library (vsh.c) */
void vsh_error_init(void);
void vsh_report_error(VshCtl *ctl);
void vsh_reset_libvirt_error(void);
int vsh_last_error_code(void);

/* ---- option accessors (cmd.c) ---- */
bool vsh_opt_bool(const VshCmd *cmd, const char *name);
int vsh_opt_string(VshCtl *ctl, const VshCmd *cmd, const char *name, const char **ret);
int vsh_opt_int(VshCtl *ctl, const VshCmd *cmd, const char *name, int *ret);
int vsh_opt_uint(VshCtl *ctl, const VshCmd *cmd, const char *name, unsigned int *ret);
int vsh_opt_ll(VshCtl *ctl, const VshCmd *cmd, const char *name, long long *ret);
int vsh_opt_ull(VshCtl *ctl, const VshCmd *cmd, const char *name, unsigned long long *ret);
int vsh_opt_ul(VshCtl *ctl, const VshCmd *cmd, const char *name, unsigned long *ret);
int vsh_opt_scaled(VshCtl *ctl, const VshCmd *cmd, const char *name,
                   unsigned long long *ret, unsigned long long scale,
                   unsigned long long max);
int vsh_scale_parse(const char *str, unsigned long long scale, unsigned long long max,
                    unsigned long long *ret, char **ret_err);
int vsh_opt_timeout(VshCtl *ctl, const VshCmd *cmd, int *ret_ms);
const char *vsh_opt_argv(const VshCmd *cmd, const char *name, size_t *iter);
bool vsh_opt_exclusive(VshCtl *ctl, const VshCmd *cmd, const char *a, const char *b);
bool vsh_opt_requires(VshCtl *ctl, const VshCmd *cmd, const char *a, const char *b);
bool vsh_opt_given(const VshCmd *cmd, const char *name);
/* a boolean option and the flags it adds */
typedef struct {
    const char *opt;
    unsigned int flag;
} VshOptFlag;
unsigned int vsh_opt_flags(const VshCmd *cmd, const VshOptFlag *map, size_t n);

/* iterate every command of a group, over all its tables */
#define VSH_GROUP_FOREACH(grp, t, c) \
    for (size_t t = 0; t < VSH_GROUP_MAX_TABLES && (grp)->tables[t]; t++) \
        for (const VshCmdDef *c = (grp)->tables[t]; c->name; c++)

/* ---- commands (cmd.c) ---- */
const VshCmdDef *vsh_cmd_lookup(const char *name);
const VshCmdGroup *vsh_group_lookup(const char *keyword);
bool vsh_cmd_help(VshCtl *ctl, const VshCmdDef *def);
void vsh_group_help(VshCtl *ctl, const VshCmdGroup *grp);
void vsh_all_help(VshCtl *ctl, bool brief);
int vsh_tables_check(void);
void vsh_cmd_free(VshCmd *cmd);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(VshCmd, vsh_cmd_free)

/* ---- parser (parse.c) ---- */
VshCmd *vsh_parse_string(VshCtl *ctl, const char *line, bool *ret_ok);
VshCmd *vsh_parse_argv(VshCtl *ctl, int argc, char **argv, bool *ret_ok);

/* ---- running (run.c) ---- */
bool vsh_run(VshCtl *ctl, const VshCmd *cmds);
virConnectPtr vsh_conn(VshCtl *ctl);
bool vsh_connect(VshCtl *ctl, const char *uri, bool readonly);
void vsh_disconnect(VshCtl *ctl);

/* ---- helpers (util.c) ---- */
int vsh_read_file(VshCtl *ctl, const char *path, size_t max, char **ret_data, size_t *ret_len);
char *vsh_read_passphrase(VshCtl *ctl, const char *prompt);
void vsh_erase(void *buf, size_t len);
bool vsh_print_xml(VshCtl *ctl, const VshCmd *cmd, const char *xml);
char *vsh_timestamp(void);

/* the interactive shell's line editor and history (readline.c) */
void vsh_readline_init(VshCtl *ctl);
char *vsh_readline(const char *prompt);
void vsh_readline_done(void);

/* event loop (event.c) */
typedef enum {
    VSH_EVENT_DONE,
    VSH_EVENT_INTERRUPT,
    VSH_EVENT_TIMEOUT,
} VshEventResult;
int vsh_event_loop_start(VshCtl *ctl);
void vsh_event_loop_stop(void);
int vsh_event_start(VshCtl *ctl, int timeout_ms);
void vsh_event_done(void);
VshEventResult vsh_event_wait(VshCtl *ctl);
void vsh_event_cleanup(VshCtl *ctl);

/* what the callbacks of one *-event command share */
typedef struct {
    VshCtl *ctl;
    const char *event;          /* the chosen event type's name, for the printed line */
    bool loop;
    bool timestamp;
    gint count;
} VshEventData;
#define VSH_EVENT_LISTED (-2)
int vsh_event_opts(VshCtl *ctl, const VshCmd *cmd, const char *const *names, size_t nnames,
                   VshEventData *data, int *ret_timeout);
void vsh_event_print(VshEventData *data, const char *what, const char *name,
                     const char *detail);
bool vsh_event_run(VshCtl *ctl, VshEventData *data, virConnectPtr conn,
                   int (*deregister)(virConnectPtr conn, int id), const int *cbs, size_t ncbs,
                   int timeout_ms);
/* the options after the object's own, in every object *-event command */
#define VSH_EVENT_OPTS \
    { "event", VSH_OT_STRING, 0, "the event type to wait for" }, \
    { "loop", VSH_OT_BOOL, 0, "keep waiting after the first event" }, \
    { "timeout", VSH_OT_INT, 0, "give up after this many seconds" }, \
    { "list", VSH_OT_BOOL, 0, "print the event types and exit" }, \
    { "timestamp", VSH_OT_BOOL, 0, "prefix each event with the time it was received" }

#define VSH_MAX_XML_FILE (10 * 1024 * 1024)
