/* common/conf/domain/clock.c: table for <clock> and its <timer> children.
 * The offset attribute selects which other attributes exist; a numeric
 * adjustment on a utc/localtime clock turns it into a variable clock, as
 * libvirt does. */
#include "config.h"

#include <stdlib.h>

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/util/parse.h"
#include "common/conf/domain/general.h"

ENUM_STRINGS(domain_clock_offset, DOMAIN_CLOCK_LAST,
             "utc", "localtime", "variable", "timezone", "absolute");
ENUM_STRINGS_STATIC(clock_basis, DOMAIN_CLOCK_BASIS_LAST, "utc", "localtime");
ENUM_STRINGS(domain_timer_name, DOMAIN_TIMER_LAST,
             "platform", "pit", "rtc", "hpet", "tsc", "kvmclock", "hypervclock", "armvtimer");
ENUM_STRINGS_STATIC(timer_tickpolicy, 5, "", "delay", "catchup", "merge", "discard");
ENUM_STRINGS_STATIC(timer_track, 5, "", "boot", "guest", "wall", "realtime");
ENUM_STRINGS_STATIC(timer_mode, 6, "", "auto", "native", "emulate", "paravirt", "smpsafe");

#define TIMER_TICKPOLICY_CATCHUP 2

static const XmlField catchup_fields[] = {
    XML_ATTR(DomainTimerCatchup, threshold, "threshold", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainTimerCatchup, slew, "slew", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainTimerCatchup, limit, "limit", uint, XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(catchup, DomainTimerCatchup, "catchup", catchup_fields);

static const XmlField timer_fields[] = {
    XML_ATTR_ENUM(DomainTimer, name, "name", domain_timer_name, XF_REQUIRED),
    XML_ATTR(DomainTimer, present, "present", tristate, 0),
    XML_ATTR_ENUM(DomainTimer, tickpolicy, "tickpolicy", timer_tickpolicy, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR_ENUM(DomainTimer, track, "track", timer_track, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainTimer, frequency, "frequency", ullong, XF_OMIT_DEFAULT),
    XML_ATTR_ENUM(DomainTimer, mode, "mode", timer_mode, 0,
                  .min = 1, .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_EMBED(DomainTimer, catchup, &catchup_schema, 0),
    XML_END
};

/* Which timers take which settings (libvirt's schema and parser agree). */
static int
timer_validate(XmlCtx *ctx, const void *obj)
{
    const DomainTimer *t = obj;
    const char *name = domain_timer_name_to_string(t->name);
    const char *bad = NULL;

    if (t->track && t->name != DOMAIN_TIMER_RTC && t->name != DOMAIN_TIMER_PLATFORM)
        bad = "track";
    else if ((t->frequency || t->mode) && t->name != DOMAIN_TIMER_TSC)
        bad = t->frequency ? "frequency" : "mode";
    else if (t->tickpolicy && (t->name == DOMAIN_TIMER_KVMCLOCK ||
                               t->name == DOMAIN_TIMER_HYPERVCLOCK))
        bad = "tickpolicy";
    if (bad) {
        xmlmap_report(ctx, VIR_ERR_CONFIG_UNSUPPORTED,
                      "attribute '%s' of element '%s' is not supported for timer '%s'",
                      bad, xmlmap_ctx_path(ctx), name);
        return -1;
    }
    if ((t->catchup.threshold || t->catchup.slew || t->catchup.limit) &&
        t->tickpolicy != TIMER_TICKPOLICY_CATCHUP) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "element '%s/catchup' needs tickpolicy='catchup'", xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

static XML_SCHEMA(timer, DomainTimer, "timer", timer_fields, .validate = timer_validate);

/* utc and localtime: adjustment='reset' (numbers become a variable clock) */
static const XmlField fixed_fields[] = {
    XML_ATTR(DomainClock, utc_adjustment, "adjustment", string, 0),
    XML_END
};
static XML_SCHEMA(fixed, DomainClock, "clock", fixed_fields);

static const XmlField variable_fields[] = {
    XML_ATTR(DomainClock, adjustment, "adjustment", dom_llong, 0),
    XML_ATTR_ENUM(DomainClock, basis, "basis", clock_basis, 0,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(variable, DomainClock, "clock", variable_fields);

static const XmlField timezone_fields[] = {
    XML_ATTR(DomainClock, timezone, "timezone", string, XF_NONEMPTY),
    XML_END
};
static XML_SCHEMA(timezone, DomainClock, "clock", timezone_fields);

static const XmlField absolute_fields[] = {
    XML_ATTR(DomainClock, start, "start", ullong, XF_REQUIRED),
    XML_END
};
static XML_SCHEMA(absolute, DomainClock, "clock", absolute_fields);

static const XmlUnionCase offset_cases[] = {
    XML_CASE_SAME(DOMAIN_CLOCK_UTC, &fixed_schema),
    XML_CASE_SAME(DOMAIN_CLOCK_LOCALTIME, &fixed_schema),
    XML_CASE_SAME(DOMAIN_CLOCK_VARIABLE, &variable_schema),
    XML_CASE_SAME(DOMAIN_CLOCK_TIMEZONE, &timezone_schema),
    XML_CASE_SAME(DOMAIN_CLOCK_ABSOLUTE, &absolute_schema),
};

static const XmlField clock_fields[] = {
    XML_UNION(DomainClock, offset, "offset", domain_clock_offset, offset_cases, 0,
              .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_CHILDREN(DomainClock, timers, ntimers, &timer_schema, 0),
    XML_END
};

/* <clock offset='utc' adjustment='30'/> is a variable clock based on UTC. */
static void
clock_post_parse(void *obj)
{
    DomainClock *c = obj;
    long long v;

    if ((c->offset != DOMAIN_CLOCK_UTC && c->offset != DOMAIN_CLOCK_LOCALTIME) ||
        !c->utc_adjustment || parse_ll(c->utc_adjustment, 10, &v) < 0)
        return;
    c->basis = c->offset == DOMAIN_CLOCK_UTC ? DOMAIN_CLOCK_BASIS_UTC
                                             : DOMAIN_CLOCK_BASIS_LOCALTIME;
    c->offset = DOMAIN_CLOCK_VARIABLE;
    c->adjustment = v;
    g_clear_pointer(&c->utc_adjustment, g_free);
}

static int
clock_validate(XmlCtx *ctx, const void *obj)
{
    const DomainClock *c = obj;

    if (c->offset == DOMAIN_CLOCK_TIMEZONE && !c->timezone) {
        xmlmap_report(ctx, VIR_ERR_INTERNAL_ERROR,
                      "missing required attribute 'timezone' in element '%s' with "
                      "offset='timezone'", xmlmap_ctx_path(ctx));
        return -1;
    }
    if (c->utc_adjustment && !g_str_equal(c->utc_adjustment, "reset")) {
        xmlmap_report(ctx, VIR_ERR_XML_ERROR,
                      "invalid value '%s' for attribute 'adjustment' of element '%s': "
                      "expected 'reset' or an integer", c->utc_adjustment,
                      xmlmap_ctx_path(ctx));
        return -1;
    }
    return 0;
}

XML_SCHEMA(domain_clock, DomainClock, "clock", clock_fields,
           .post_parse = clock_post_parse, .validate = clock_validate);
