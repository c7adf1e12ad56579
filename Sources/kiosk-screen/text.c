/* The screen's own words (text.h), as one constant table. */
#include "screen.h"

#define SCREEN_TEXT_ROW(id, zh, en) {zh, en},
static const char *const texts[T_COUNT][SCR_LANGS] = {SCREEN_TEXTS(SCREEN_TEXT_ROW)};
#undef SCREEN_TEXT_ROW

const char *text_get(scr_text id, int lang) {
    if ((unsigned)id >= T_COUNT) return "";
    if (lang < 0 || lang >= SCR_LANGS) lang = SCR_LANG_ZH;
    return texts[id][lang];
}
