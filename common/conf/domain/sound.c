/* common/conf/domain/sound.c: tables for <sound> (the emulated sound card)
 * and <audio> (the host audio backend it plays through). */
#include "config.h"

#define ERR_DOMAIN VIR_FROM_DOMAIN
#include "common/util/err.h"
#include "common/conf/domain/devices.h"

ENUM_STRINGS_STATIC(sound_model, 8,
                    "sb16", "es1370", "pcspk", "ac97", "ich6", "ich9", "usb", "ich7");
ENUM_STRINGS_STATIC(sound_codec, 3, "duplex", "micro", "output");
ENUM_STRINGS_STATIC(audio_type, 10,
                    "none", "alsa", "coreaudio", "jack", "oss", "pulseaudio", "sdl", "spice",
                    "file", "dbus");
ENUM_STRINGS_STATIC(audio_sdl_driver, 5, "default", "esd", "alsa", "arts", "pulseaudio");

/* ---- <sound> ------------------------------------------------------------------- */

static const XmlField codec_fields[] = {
    XML_ATTR_ENUM(DomainSoundCodec, type, "type", sound_codec, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_END
};
static XML_SCHEMA(codec, DomainSoundCodec, "codec", codec_fields);

static const XmlField sound_audio_fields[] = {
    XML_ATTR(DomainSound, audio_id, "id", uint, XF_REQUIRED | XF_NONZERO | XF_OMIT_DEFAULT),
    XML_END
};
static XML_SCHEMA(sound_audio, DomainSound, "audio", sound_audio_fields);

static const XmlField sound_fields[] = {
    XML_ATTR_ENUM(DomainSound, model, "model", sound_model, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_CHILDREN(DomainSound, codecs, ncodecs, &codec_schema, 0),
    XML_GROUP(&sound_audio_schema, 0),
    DOMAIN_INFO_FIELDS(DomainSound),
    XML_END
};
XML_SCHEMA(domain_sound, DomainSound, "sound", sound_fields);

/* ---- <audio> ---------------------------------------------------------------------- */

static const XmlField settings_fields[] = {
    XML_ATTR(DomainAudioChannel, frequency, "frequency", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainAudioChannel, channels, "channels", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainAudioChannel, format, "format", string, 0),
    XML_END
};
static XML_SCHEMA(settings, DomainAudioChannel, "settings", settings_fields);

/* Every backend uses its own subset of these attributes; one table keeps
 * them in libvirt's order (common ones, then the backend's). */
#define AUDIO_CHANNEL_FIELDS \
    XML_ATTR(DomainAudioChannel, mixing_engine, "mixingEngine", tristate, 0), \
    XML_ATTR(DomainAudioChannel, fixed_settings, "fixedSettings", tristate, 0), \
    XML_ATTR(DomainAudioChannel, voices, "voices", uint, XF_OMIT_DEFAULT), \
    XML_ATTR(DomainAudioChannel, buffer_length, "bufferLength", uint, XF_OMIT_DEFAULT), \
    XML_ATTR(DomainAudioChannel, dev, "dev", string, 0), \
    XML_ATTR(DomainAudioChannel, buffer_count, "bufferCount", uint, XF_OMIT_DEFAULT), \
    XML_ATTR(DomainAudioChannel, try_poll, "tryPoll", tristate, 0), \
    XML_ATTR(DomainAudioChannel, name, "name", string, 0), \
    XML_ATTR(DomainAudioChannel, stream_name, "streamName", string, 0), \
    XML_ATTR(DomainAudioChannel, latency, "latency", uint, XF_OMIT_DEFAULT), \
    XML_ATTR(DomainAudioChannel, server_name, "serverName", string, 0), \
    XML_ATTR(DomainAudioChannel, client_name, "clientName", string, 0), \
    XML_ATTR(DomainAudioChannel, connect_ports, "connectPorts", string, 0), \
    XML_ATTR(DomainAudioChannel, exact_name, "exactName", tristate, 0), \
    XML_GROUP(&settings_schema, 0), \
    XML_END

static const XmlField audio_in_fields[] = { AUDIO_CHANNEL_FIELDS };
static XML_SCHEMA(audio_in, DomainAudioChannel, "input", audio_in_fields);
static const XmlField audio_out_fields[] = { AUDIO_CHANNEL_FIELDS };
static XML_SCHEMA(audio_out, DomainAudioChannel, "output", audio_out_fields);

static const XmlField audio_fields[] = {
    XML_ATTR(DomainAudio, id, "id", uint, XF_REQUIRED | XF_NONZERO),
    XML_ATTR_ENUM(DomainAudio, type, "type", audio_type, XF_REQUIRED,
                  .errcode = VIR_ERR_CONFIG_UNSUPPORTED),
    XML_ATTR(DomainAudio, timer_period, "timerPeriod", uint, XF_OMIT_DEFAULT),
    XML_ATTR(DomainAudio, server_name, "serverName", string, 0),
    XML_ATTR(DomainAudio, path, "path", string, 0),
    XML_ATTR(DomainAudio, try_mmap, "tryMMap", tristate, 0),
    XML_ATTR(DomainAudio, exclusive, "exclusive", tristate, 0),
    XML_ATTR(DomainAudio, dsp_policy, "dspPolicy", int, 0, XML_HAS(DomainAudio, has_dsp_policy)),
    XML_ATTR_ENUM(DomainAudio, sdl_driver, "driver", audio_sdl_driver, 0, .min = 1),
    XML_CHILD(DomainAudio, input, &audio_in_schema, 0),
    XML_CHILD(DomainAudio, output, &audio_out_schema, 0),
    XML_END
};
XML_SCHEMA(domain_audio, DomainAudio, "audio", audio_fields);
