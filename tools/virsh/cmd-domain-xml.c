/*
 * cmd-domain-xml.c: domain commands about XML documents (help keyword 'domain'):
 * dumpxml, edit, desc, metadata, the managed save and save image XML commands
 * (managedsave-dumpxml/-define/-edit, save-image-dumpxml/-define/-edit), and
 * domxml-from-native/domxml-to-native.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/virsh/helpers.h"

#define XPATH_OPTS \
    { "xpath", VSH_OT_STRING, VSH_OF_NOPOS, "print only what this XPath expression selects" }, \
    { "wrap", VSH_OT_BOOL, 0, "wrap the --xpath results in a <nodes> element" }

/* ---- dumpxml ---- */

static bool
cmd_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    unsigned int flags = 0;
    g_autofree char *xml = NULL;

    if (!dom)
        return false;
    if (vsh_opt_bool(cmd, "inactive"))
        flags |= VIR_DOMAIN_XML_INACTIVE;
    if (vsh_opt_bool(cmd, "security-info"))
        flags |= VIR_DOMAIN_XML_SECURE;
    if (vsh_opt_bool(cmd, "update-cpu"))
        flags |= VIR_DOMAIN_XML_UPDATE_CPU;
    if (vsh_opt_bool(cmd, "migratable"))
        flags |= VIR_DOMAIN_XML_MIGRATABLE;
    if (!(xml = virDomainGetXMLDesc(dom, flags)))
        return false;
    return vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_dumpxml[] = {
    VSH_DOMAIN_OPT,
    { "inactive", VSH_OT_BOOL, 0, "the persistent configuration, not the live one" },
    { "security-info", VSH_OT_BOOL, 0, "include passwords and other secrets" },
    { "update-cpu", VSH_OT_BOOL, 0, "fill in the guest CPU from the host's" },
    { "migratable", VSH_OT_BOOL, 0, "the XML a migration would send" },
    XPATH_OPTS,
    { NULL }
};

/* ---- edit ---- */

typedef struct {
    virDomainPtr dom;
    unsigned int define_flags;
} DomEdit;

static char *
dom_edit_dump(VshCtl *ctl, void *obj)
{
    DomEdit *e = obj;

    return virDomainGetXMLDesc(e->dom, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
}

static char *
dom_edit_define(VshCtl *ctl, void *obj, const char *xml)
{
    DomEdit *e = obj;
    g_autoptr(virDomain) d = virDomainDefineXMLFlags(vsh_conn(ctl), xml, e->define_flags);

    return d ? g_strdup(virDomainGetName(d)) : NULL;
}

static bool
cmd_edit(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshEditOps ops = {
        dom_edit_dump, dom_edit_define,
        "Domain '%s' XML configuration not changed.\n",
        "Domain '%s' XML configuration edited.\n",
    };
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    DomEdit e;

    if (!dom)
        return false;
    e.dom = dom;
    e.define_flags = vsh_opt_bool(cmd, "skip-validate") ? 0 : VIR_DOMAIN_DEFINE_VALIDATE;
    return vsh_edit(ctl, &ops, &e, virDomainGetName(dom));
}

static const VshOptDef opts_edit[] = {
    VSH_DOMAIN_OPT,
    { "skip-validate", VSH_OT_BOOL, 0, "do not check the edited XML against the schema" },
    { NULL }
};

/* ---- desc ---- */

/* edit @text in the user's editor; the result without its final newline */
static char *
edit_text(VshCtl *ctl, const char *text)
{
    g_autofree char *path = vsh_edit_tmpfile(ctl, text);
    char *out = NULL;
    size_t len;

    if (!path)
        return NULL;
    if (vsh_edit_run(ctl, path) && vsh_read_file(ctl, path, VSH_MAX_XML_FILE, &out, &len) == 0) {
        while (len > 0 && out[len - 1] == '\n')
            out[--len] = '\0';
    }
    unlink(path);
    return out;
}

static bool
cmd_desc(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    bool title = vsh_opt_bool(cmd, "title");
    bool edit = vsh_opt_bool(cmd, "edit");
    int type = title ? VIR_DOMAIN_METADATA_TITLE : VIR_DOMAIN_METADATA_DESCRIPTION;
    g_autoptr(GString) text = NULL;
    unsigned int flags;
    const char *w;
    size_t iter = 0;

    if (!vsh_affect_flags(ctl, cmd, &flags) || !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    while ((w = vsh_opt_argv(cmd, "new-desc", &iter))) {
        if (!text)
            text = g_string_new(w);
        else
            g_string_append_printf(text, " %s", w);
    }

    if (edit || text) {
        g_autofree char *value = NULL;

        if (edit) {
            char *cur = virDomainGetMetadata(dom, type, NULL, flags);
            g_autofree char *orig = g_strdup(cur ? cur : "");

            free(cur);
            vsh_reset_libvirt_error();
            if (!(value = edit_text(ctl, text ? text->str : orig)))
                return false;
            if (g_str_equal(value, orig)) {
                vsh_print_extra(ctl, title ? "Domain title not changed\n"
                                           : "Domain description not changed\n");
                return true;
            }
        } else {
            value = g_strdup(text->str);
        }
        if (virDomainSetMetadata(dom, type, value, NULL, NULL, flags) < 0) {
            vsh_error(ctl, title ? "Failed to set new domain title"
                                 : "Failed to set new domain description");
            return false;
        }
        vsh_print_extra(ctl, title ? "Domain title updated successfully"
                                   : "Domain description updated successfully");
        return true;
    }

    {
        char *cur = virDomainGetMetadata(dom, type, NULL, flags);

        if (!cur) {
            if (vsh_last_error_code() != VIR_ERR_NO_DOMAIN_METADATA)
                return false;
            vsh_reset_libvirt_error();
            vsh_print_extra(ctl, title ? "No title for domain: %s"
                                       : "No description for domain: %s",
                            virDomainGetName(dom));
            return true;
        }
        vsh_print(ctl, "%s", cur);
        free(cur);
    }
    return true;
}

static const VshOptDef opts_desc[] = {
    VSH_DOMAIN_OPT,
    VSH_OPT_LIVE,
    VSH_OPT_CONFIG,
    VSH_OPT_CURRENT,
    { "title", VSH_OT_BOOL, 0, "the title (one short line) instead of the description" },
    { "edit", VSH_OT_BOOL, 0, "edit the text in $EDITOR" },
    { "new-desc", VSH_OT_ARGV, 0, "the new text (words are joined with spaces)" },
    { NULL }
};

/* ---- metadata ---- */

static bool
cmd_metadata(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    const char *uri = NULL, *key = NULL, *set = NULL;
    bool edit = vsh_opt_bool(cmd, "edit");
    bool rem = vsh_opt_bool(cmd, "remove");
    unsigned int flags;

    if (!vsh_affect_flags(ctl, cmd, &flags) ||
        !vsh_opt_exclusive(ctl, cmd, "edit", "set") ||
        !vsh_opt_exclusive(ctl, cmd, "remove", "set") ||
        !vsh_opt_exclusive(ctl, cmd, "remove", "edit"))
        return false;
    if (!(dom = vsh_domain(ctl, cmd, NULL)) || vsh_opt_string(ctl, cmd, "uri", &uri) <= 0 ||
        vsh_opt_string(ctl, cmd, "key", &key) < 0 || vsh_opt_string(ctl, cmd, "set", &set) < 0)
        return false;
    if ((set || edit) && !key) {
        vsh_error(ctl, "namespace key is required when modifying metadata");
        return false;
    }
    if (set || rem) {
        if (virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, set, set ? key : NULL,
                                 uri, flags) < 0)
            return false;
        vsh_print_extra(ctl, rem ? "Metadata removed\n" : "Metadata modified\n");
        return true;
    }
    if (edit) {
        char *cur = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, uri, flags);
        g_autofree char *orig = NULL;
        g_autofree char *path = NULL;
        g_autofree char *edited = NULL;
        size_t len;
        bool ok = false;

        if (!cur) {
            if (vsh_last_error_code() != VIR_ERR_NO_DOMAIN_METADATA)
                return false;
            vsh_reset_libvirt_error();
            orig = g_strdup_printf("<%s/>", key);
        } else {
            orig = g_strdup(cur);
            free(cur);
        }
        if (!(path = vsh_edit_tmpfile(ctl, orig)))
            return false;
        if (vsh_edit_run(ctl, path) &&
            vsh_read_file(ctl, path, VSH_MAX_XML_FILE, &edited, &len) == 0) {
            if (g_str_equal(g_strstrip(edited), g_strstrip(orig))) {
                vsh_print_extra(ctl, "Metadata not changed\n");
                ok = true;
            } else if (virDomainSetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, edited, key, uri,
                                            flags) == 0) {
                vsh_print_extra(ctl, "Metadata modified\n");
                ok = true;
            }
        }
        unlink(path);
        return ok;
    }
    {
        char *cur = virDomainGetMetadata(dom, VIR_DOMAIN_METADATA_ELEMENT, uri, flags);

        if (!cur)
            return false;
        vsh_print(ctl, "%s\n", cur);
        free(cur);
    }
    return true;
}

static const VshOptDef opts_metadata[] = {
    VSH_DOMAIN_OPT,
    { "uri", VSH_OT_DATA, VSH_OF_REQUIRED, "the namespace URI of the metadata element" },
    VSH_OPT_LIVE,
    VSH_OPT_CONFIG,
    VSH_OPT_CURRENT,
    { "edit", VSH_OT_BOOL, 0, "edit the element in $EDITOR" },
    { "key", VSH_OT_STRING, 0, "the namespace prefix to use when setting" },
    { "set", VSH_OT_STRING, 0, "the new element, as XML" },
    { "remove", VSH_OT_BOOL, 0, "remove the element" },
    { NULL }
};

/* ---- managed save and save image XML ---- */

static unsigned int
state_flags(const VshCmd *cmd)
{
    static const VshOptFlag map[] = {
        { "running", VIR_DOMAIN_SAVE_RUNNING },
        { "paused", VIR_DOMAIN_SAVE_PAUSED },
    };

    return vsh_opt_flags(cmd, map, G_N_ELEMENTS(map));
}

static bool
cmd_managedsave_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = vsh_domain(ctl, cmd, NULL);
    g_autofree char *xml = NULL;

    if (!dom)
        return false;
    xml = virDomainManagedSaveGetXMLDesc(dom, vsh_opt_bool(cmd, "security-info")
                                                  ? VIR_DOMAIN_SAVE_IMAGE_XML_SECURE : 0);
    return xml && vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_managedsave_dumpxml[] = {
    VSH_DOMAIN_OPT,
    { "security-info", VSH_OT_BOOL, 0, "include passwords and other secrets" },
    XPATH_OPTS,
    { NULL }
};

static bool
cmd_managedsave_define(VshCtl *ctl, const VshCmd *cmd)
{
    g_autoptr(virDomain) dom = NULL;
    g_autofree char *xml = NULL;

    if (!vsh_opt_exclusive(ctl, cmd, "running", "paused") ||
        !(dom = vsh_domain(ctl, cmd, NULL)) || vsh_read_xml_opt(ctl, cmd, "xml", &xml) < 0)
        return false;
    if (virDomainManagedSaveDefineXML(dom, xml, state_flags(cmd)) < 0) {
        vsh_error(ctl, "Failed to update %s", virDomainGetName(dom));
        return false;
    }
    vsh_print_extra(ctl, "Managed save state file of domain '%s' updated.\n",
                    virDomainGetName(dom));
    return true;
}

static const VshOptDef opts_managedsave_define[] = {
    VSH_DOMAIN_OPT,
    { "xml", VSH_OT_DATA, VSH_OF_REQUIRED, "a file with the new domain XML" },
    { "running", VSH_OT_BOOL, 0, "restore it running" },
    { "paused", VSH_OT_BOOL, 0, "restore it paused" },
    { NULL }
};

typedef struct {
    virDomainPtr dom;
    const char *file;
    unsigned int flags;
} StateEdit;

static char *
msave_dump(VshCtl *ctl, void *obj)
{
    StateEdit *e = obj;

    return virDomainManagedSaveGetXMLDesc(e->dom, VIR_DOMAIN_SAVE_IMAGE_XML_SECURE);
}

static char *
msave_define(VshCtl *ctl, void *obj, const char *xml)
{
    StateEdit *e = obj;

    if (virDomainManagedSaveDefineXML(e->dom, xml, e->flags) < 0)
        return NULL;
    return g_strdup(virDomainGetName(e->dom));
}

static bool
cmd_managedsave_edit(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshEditOps ops = {
        msave_dump, msave_define,
        "Managed save image of domain '%s' XML configuration not changed.\n",
        "Managed save image of Domain '%s' XML configuration edited.\n",
    };
    g_autoptr(virDomain) dom = NULL;
    StateEdit e = { 0 };

    if (!vsh_opt_exclusive(ctl, cmd, "running", "paused") ||
        !(dom = vsh_domain(ctl, cmd, NULL)))
        return false;
    e.dom = dom;
    e.flags = state_flags(cmd);
    return vsh_edit(ctl, &ops, &e, virDomainGetName(dom));
}

static const VshOptDef opts_state_edit[] = {
    VSH_DOMAIN_OPT,
    { "running", VSH_OT_BOOL, 0, "restore it running" },
    { "paused", VSH_OT_BOOL, 0, "restore it paused" },
    { NULL }
};

static bool
cmd_save_image_dumpxml(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;

    if (vsh_opt_string(ctl, cmd, "file", &file) <= 0)
        return false;
    xml = virDomainSaveImageGetXMLDesc(vsh_conn(ctl), file,
                                       vsh_opt_bool(cmd, "security-info")
                                           ? VIR_DOMAIN_SAVE_IMAGE_XML_SECURE : 0);
    return xml && vsh_print_xml(ctl, cmd, xml);
}

static const VshOptDef opts_save_image_dumpxml[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the saved state file" },
    { "security-info", VSH_OT_BOOL, 0, "include passwords and other secrets" },
    XPATH_OPTS,
    { NULL }
};

static bool
cmd_save_image_define(VshCtl *ctl, const VshCmd *cmd)
{
    const char *file = NULL;
    g_autofree char *xml = NULL;

    if (!vsh_opt_exclusive(ctl, cmd, "running", "paused") ||
        vsh_opt_string(ctl, cmd, "file", &file) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "xml", &xml) < 0)
        return false;
    if (virDomainSaveImageDefineXML(vsh_conn(ctl), file, xml, state_flags(cmd)) < 0) {
        vsh_error(ctl, "Failed to update %s", file);
        return false;
    }
    vsh_print_extra(ctl, "State file %s updated.\n", file);
    return true;
}

static const VshOptDef opts_save_image_define[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the saved state file" },
    { "xml", VSH_OT_DATA, VSH_OF_REQUIRED, "a file with the new domain XML" },
    { "running", VSH_OT_BOOL, 0, "restore it running" },
    { "paused", VSH_OT_BOOL, 0, "restore it paused" },
    { NULL }
};

static char *
simage_dump(VshCtl *ctl, void *obj)
{
    StateEdit *e = obj;

    return virDomainSaveImageGetXMLDesc(vsh_conn(ctl), e->file,
                                        VIR_DOMAIN_SAVE_IMAGE_XML_SECURE);
}

static char *
simage_define(VshCtl *ctl, void *obj, const char *xml)
{
    StateEdit *e = obj;

    if (virDomainSaveImageDefineXML(vsh_conn(ctl), e->file, xml, e->flags) < 0)
        return NULL;
    return g_strdup(e->file);
}

static bool
cmd_save_image_edit(VshCtl *ctl, const VshCmd *cmd)
{
    static const VshEditOps ops = {
        simage_dump, simage_define,
        "Saved image %s XML configuration not changed.\n",
        "State file %s edited.\n",
    };
    StateEdit e = { 0 };

    if (!vsh_opt_exclusive(ctl, cmd, "running", "paused") ||
        vsh_opt_string(ctl, cmd, "file", &e.file) <= 0)
        return false;
    e.flags = state_flags(cmd);
    return vsh_edit(ctl, &ops, &e, e.file);
}

static const VshOptDef opts_save_image_edit[] = {
    { "file", VSH_OT_DATA, VSH_OF_REQUIRED, "the saved state file" },
    { "running", VSH_OT_BOOL, 0, "restore it running" },
    { "paused", VSH_OT_BOOL, 0, "restore it paused" },
    { NULL }
};

/* ---- native formats ---- */

static bool
cmd_domxml_from_native(VshCtl *ctl, const VshCmd *cmd)
{
    const char *format = NULL;
    g_autofree char *config = NULL;
    g_autofree char *xml = NULL;

    if (vsh_opt_string(ctl, cmd, "format", &format) <= 0 ||
        vsh_read_xml_opt(ctl, cmd, "config", &config) < 0)
        return false;
    if (!(xml = virConnectDomainXMLFromNative(vsh_conn(ctl), format, config, 0)))
        return false;
    vsh_print(ctl, "%s", xml);
    return true;
}

static const VshOptDef opts_domxml_from_native[] = {
    { "format", VSH_OT_DATA, VSH_OF_REQUIRED, "the native format (e.g. qemu-argv)" },
    { "config", VSH_OT_DATA, VSH_OF_REQUIRED, "a file with the native configuration" },
    { NULL }
};

static bool
cmd_domxml_to_native(VshCtl *ctl, const VshCmd *cmd)
{
    const char *format = NULL;
    const char *domname = NULL;
    const char *file = NULL;
    g_autofree char *xml = NULL;
    g_autofree char *native = NULL;

    if (vsh_opt_string(ctl, cmd, "format", &format) <= 0 ||
        vsh_opt_string(ctl, cmd, "domain", &domname) < 0 ||
        vsh_opt_string(ctl, cmd, "xml", &file) < 0)
        return false;
    if (!vsh_opt_exclusive(ctl, cmd, "domain", "xml"))
        return false;
    if (!domname && !file) {
        vsh_error(ctl, "need either domain or domain XML");
        return false;
    }
    if (domname) {
        g_autoptr(virDomain) dom = vsh_domain_lookup(ctl, domname, VSH_BYANY);

        if (!dom || !(xml = virDomainGetXMLDesc(dom, 0)))
            return false;
    } else if (vsh_read_xml_opt(ctl, cmd, "xml", &xml) < 0) {
        return false;
    }
    if (!(native = virConnectDomainXMLToNative(vsh_conn(ctl), format, xml, 0)))
        return false;
    vsh_print(ctl, "%s", native);
    return true;
}

static const VshOptDef opts_domxml_to_native[] = {
    { "format", VSH_OT_DATA, VSH_OF_REQUIRED, "the native format (e.g. qemu-argv)" },
    { "domain", VSH_OT_STRING, 0, "convert the XML of this domain" },
    { "xml", VSH_OT_STRING, 0, "convert the domain XML in this file" },
    { NULL }
};

/* ---- the table ---- */

const VshCmdDef vsh_cmds_domain_xml[] = {
    { "desc", cmd_desc, opts_desc, "show or set a domain's description or title",
      "Print a domain's description (or --title), or set it from the words given\n"
      "or in an editor.", 0 },
    { "domxml-from-native", cmd_domxml_from_native, opts_domxml_from_native,
      "convert a native configuration to domain XML",
      "Translate a hypervisor-specific configuration into domain XML.", 0 },
    { "domxml-to-native", cmd_domxml_to_native, opts_domxml_to_native,
      "convert domain XML to a native configuration",
      "Translate domain XML into a hypervisor-specific configuration.", 0 },
    { "dumpxml", cmd_dumpxml, opts_dumpxml, "show a domain's XML",
      "Print the XML description of a domain.", 0 },
    { "edit", cmd_edit, opts_edit, "edit a domain's XML",
      "Edit the persistent XML of a domain in $VISUAL or $EDITOR and redefine it.", 0 },
    { "managedsave-define", cmd_managedsave_define, opts_managedsave_define,
      "replace the XML in a managed save image",
      "Replace the domain XML stored with a domain's managed save image.", 0 },
    { "managedsave-dumpxml", cmd_managedsave_dumpxml, opts_managedsave_dumpxml,
      "show the XML in a managed save image",
      "Print the domain XML stored with a domain's managed save image.", 0 },
    { "managedsave-edit", cmd_managedsave_edit, opts_state_edit,
      "edit the XML in a managed save image",
      "Edit the domain XML stored with a domain's managed save image.", 0 },
    { "metadata", cmd_metadata, opts_metadata, "show or set custom XML metadata",
      "Print, set, edit or remove an application's metadata element of a domain.", 0 },
    { "save-image-define", cmd_save_image_define, opts_save_image_define,
      "replace the XML in a saved state file",
      "Replace the domain XML stored in a file written by 'save'.", 0 },
    { "save-image-dumpxml", cmd_save_image_dumpxml, opts_save_image_dumpxml,
      "show the XML in a saved state file",
      "Print the domain XML stored in a file written by 'save'.", 0 },
    { "save-image-edit", cmd_save_image_edit, opts_save_image_edit,
      "edit the XML in a saved state file",
      "Edit the domain XML stored in a file written by 'save'.", 0 },
    { NULL }
};
