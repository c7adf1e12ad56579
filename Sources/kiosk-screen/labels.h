/*
 * labels.h: the kiosk label files (docs/KIOSK-SCREEN.md, "Label files").
 *
 * Beside each proto: `<file>.labels`, UTF-8, one entry a line:
 *     <full proto name> = <Chinese> | <English> [| <help in Chinese> | <help in English>]
 * `#` starts a comment line. Keys name messages, fields (`<message>.<field>`), enum values
 * (`<enum>.<VALUE>`), services and methods (`<service>/<Method>`); the screen also reads
 * application kinds (`nutrition.micronutrient-sachets`) and check rules
 * (`<proto package>.check.<rule>`) from them.
 */
#ifndef SCREEN_LABELS_H
#define SCREEN_LABELS_H

#include "status.h"

#include <stddef.h>

/* Languages of the screen, in the order of the label files' columns. */
enum { SCR_LANG_ZH = 0, SCR_LANG_EN = 1, SCR_LANGS = 2 };

typedef struct scr_labels scr_labels;

/* Loads every `*.labels` file under `directory` (searched recursively). *out is set even on failure
 * (unless memory ran out) so that labels_error() can say why; free it with labels_free(). */
scr_status labels_open(const char *directory, scr_labels **out);
void labels_free(scr_labels *labels);
const char *labels_error(const scr_labels *labels);

/* The label of `key` in `lang`, falling back to the other language; NULL when there is none. */
const char *labels_text(const scr_labels *labels, const char *key, int lang);
/* The help text of `key` in `lang` (falling back likewise); NULL when there is none. */
const char *labels_help(const scr_labels *labels, const char *key, int lang);
/* Non-zero when the entry has a label in both languages. */
int labels_complete(const scr_labels *labels, const char *key);

/* How many files and entries were loaded, and the keys given more than once (for --check-labels). */
size_t labels_file_count(const scr_labels *labels);
size_t labels_count(const scr_labels *labels);
/* Calls visit for every key that appears more than once; a non-zero return stops the walk. */
scr_status labels_duplicates(const scr_labels *labels, int (*visit)(const char *key, void *context), void *context);

#endif
