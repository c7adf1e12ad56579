/*
 * The keyboard map: which key does what. A vendor whose kiosk has other keys (a numeric pad, touch
 * keys that send function keys, a barcode reader that ends with Tab) changes these two tables and
 * the names shown on the key line (the `key` of each scr_hint in the screens).
 */
#include "ui.h"

#include <curses.h>

static const struct {
    int code;
    scr_action action;
} function_keys[] = {
    {KEY_UP, ACT_UP},           {KEY_DOWN, ACT_DOWN},         {KEY_LEFT, ACT_LEFT},
    {KEY_RIGHT, ACT_RIGHT},     {KEY_HOME, ACT_HOME},         {KEY_END, ACT_END},
    {KEY_PPAGE, ACT_PAGE_UP},   {KEY_NPAGE, ACT_PAGE_DOWN},   {KEY_BTAB, ACT_PREVIOUS},
    {KEY_ENTER, ACT_SELECT},    {KEY_BACKSPACE, ACT_ERASE},   {KEY_DC, ACT_DELETE},
    {KEY_IC, ACT_INSERT},       {KEY_F(1), ACT_HELP},         {KEY_F(2), ACT_LANGUAGE},
    {KEY_F(4), ACT_OUTBOX},     {KEY_F(5), ACT_SUBMIT},       {KEY_F(10), ACT_SIGN_OUT},
    {KEY_RESIZE, ACT_RESIZE},
};

static const struct {
    unsigned ch;
    scr_action action;
} control_keys[] = {
    {'\n', ACT_SELECT}, {'\r', ACT_SELECT}, {'\t', ACT_NEXT}, {27, ACT_BACK},
    {127, ACT_ERASE},   {8, ACT_ERASE},     {4, ACT_DELETE},   /* Ctrl-D */
    {1, ACT_HOME},      {5, ACT_END},       /* Ctrl-A, Ctrl-E */
    {14, ACT_INSERT},   /* Ctrl-N: a new item in a list, for keyboards without Insert */
    {19, ACT_SUBMIT},   /* Ctrl-S */
};

scr_status keys_translate(int is_key_code, unsigned code, scr_event *event) {
    event->action = ACT_NONE;
    event->ch = 0;
    if (is_key_code) {
        for (size_t i = 0; i < sizeof function_keys / sizeof *function_keys; i++)
            if ((unsigned)function_keys[i].code == code) {
                event->action = function_keys[i].action;
                return SCR_OK;
            }
        return SCR_OK;
    }
    for (size_t i = 0; i < sizeof control_keys / sizeof *control_keys; i++)
        if (control_keys[i].ch == code) {
            event->action = control_keys[i].action;
            return SCR_OK;
        }
    if (code >= 32 && code != 127) {
        event->action = ACT_CHAR;
        event->ch = (wchar_t)code;
    }
    return SCR_OK;
}
