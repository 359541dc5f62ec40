/*
 * cmd-backup.c: disk backup commands (help keyword 'backup'): backup-begin and
 * backup-dumpxml.
 */
#include "tools/virsh/helpers.h"

static bool
cmd_backup_begin(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    const char *bfile = NULL, *cfile = NULL;
    g_autofree char *bxml = NULL;
    g_autofree char *cxml = NULL;
    size_t len;

    if (!dom || vsh_opt_string(ctl, cmd, "backupxml", &bfile) < 0 ||
        vsh_opt_string(ctl, cmd, "checkpointxml", &cfile) < 0)
        return false;
    if (bfile) {
        if (vsh_read_file(ctl, bfile, VSH_MAX_XML_FILE, &bxml, &len) < 0)
            return false;
    } else {
        bxml = g_strdup("<domainbackup/>");
    }
    if (cfile && vsh_read_file(ctl, cfile, VSH_MAX_XML_FILE, &cxml, &len) < 0)
        return false;
    if (virDomainBackupBegin(dom, bxml, cxml, vsh_opt_bool(cmd, "reuse-external")
                             ? VIR_DOMAIN_BACKUP_BEGIN_REUSE_EXTERNAL : 0) < 0)
        return false;
    vsh_print_extra(ctl, "Backup started\n");
    return true;
}

static const VshOptDef opts_backup_begin[] = {
    VSH_DOMAIN_OPT,
    { "backupxml", VSH_OT_STRING, 0, "the backup's XML (default: a full push backup)" },
    { "checkpointxml", VSH_OT_STRING, 0, "XML of a checkpoint to create with it" },
    { "reuse-external", VSH_OT_BOOL, 0, "reuse existing backup target files" },
    { NULL }
};

static bool
cmd_backup_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autofree char *xml = NULL;

    if (!dom || !(xml = virDomainBackupGetXMLDesc(dom, 0)))
        return false;
    return vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_backup_dumpxml[] = {
    VSH_DOMAIN_OPT,
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" },
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" },
    { NULL }
};

static const VshCmdDef cmds_backup[] = {
    { "backup-begin", cmd_backup_begin, opts_backup_begin, "start a backup of a domain's disks",
      "Start a full or incremental backup of a running domain's disks.", 0 },
    { "backup-dumpxml", cmd_backup_dumpxml, opts_backup_dumpxml, "show a running backup's XML",
      "Print the XML of the backup job a domain is running.", 0 },
    { NULL }
};

const VshCmdGroup vsh_group_backup = { "Backup", "backup", { cmds_backup } };
