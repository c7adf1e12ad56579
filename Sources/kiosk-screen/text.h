/*
 * text.h: every word the screen itself says, in Simplified Chinese and English (the labels of
 * proto fields, enum values and methods come from the label files instead). To add a language, add
 * a column here and in labels.h, and translate both. Entries with printf conversions keep them in
 * the same order in every language.
 */
#ifndef SCREEN_TEXT_H
#define SCREEN_TEXT_H

#define SCREEN_TEXTS(X) \
    X(T_APP_TITLE, "儿童福利工作站", "Child welfare kiosk") \
    X(T_ONLINE, "在线", "online") \
    X(T_OFFLINE, "离线", "offline") \
    X(T_CONNECTING, "连接中", "connecting") \
    X(T_WAITING, "待发送", "waiting") \
    X(T_DELIVERED, "已送达", "delivered") \
    X(T_REFUSED, "被拒绝", "refused") \
    X(T_ASKING_SERVER, "正在查询服务器……", "Asking the server…") \
    X(T_SENDING, "正在发送……", "Sending…") \
    X(T_SIGNING_IN, "正在登录……", "Signing in…") \
    X(T_ANSWERS_ARRIVED, "收到 %lld 条回复，按 F4 查看", "%lld answers arrived: F4 shows them") \
    X(T_OFFLINE_SAVED, "服务器暂时连不上：已保存在本机，会自动重发", "The server cannot be reached: saved here, sent again by itself") \
    X(T_OFFLINE_TRY_LATER, "服务器暂时连不上，请稍后再试", "The server cannot be reached: try again later") \
    X(T_CALL_OPERATOR, "本机未获服务器准入，请联系运维人员", "This kiosk is not admitted by the server: call the operator") \
    X(T_SERVER_BUSY, "服务器繁忙，请稍后再试", "The server is busy: try again later") \
    X(T_CALL_VENDOR, "服务器无法读取本机发送的数据，请联系设备供应商", "The server cannot read what this kiosk sent: call the kiosk's vendor") \
    X(T_OUTBOX_BROKEN, "本机发件箱无法写入，提交没有保存，请联系设备供应商", "The outbox on this kiosk cannot be written: nothing was saved; call the vendor") \
    X(T_WINDOW_TOO_SMALL, "窗口太小，请放大（填写的内容都还在）", "The window is too small: make it larger (nothing typed is lost)") \
    X(T_HEADING_COUNT, "%s（%zu）", "%s (%zu)") \
    X(T_SERVER_WORDS, "服务器原文：", "The server's words:") \
    X(T_PRESS_ENTER, "按 Enter 继续", "Enter to go on") \
    X(T_PROMPT_KEYS, "Enter 确定 · Esc 取消", "Enter: done · Esc: cancel") \
    X(T_HELP_TITLE, "按键说明", "Keys") \
    X(T_HELP_MOVE, "↑ ↓ PgUp PgDn：上下移动", "↑ ↓ PgUp PgDn: move") \
    X(T_HELP_SELECT, "Enter：打开 / 选择", "Enter: open / choose") \
    X(T_HELP_BACK, "Esc：返回上一页（表格会先问是否放弃）", "Esc: back (a form asks before it is dropped)") \
    X(T_HELP_NEXT, "Tab / Shift-Tab：下一项 / 上一项", "Tab / Shift-Tab: next / previous field") \
    X(T_HELP_SUBMIT, "F5（或 Ctrl-S）：提交表格；在列表中为刷新", "F5 (or Ctrl-S): submit a form; refresh a list") \
    X(T_HELP_LIST, "Insert（或 Ctrl-N）：在列表中添加一项；Delete：删除一项", "Insert (or Ctrl-N): add an item to a list; Delete: remove one") \
    X(T_HELP_CHOICE, "选择项：← → 或空格切换，数字直接选择，Enter 列出全部", "Choices: ← → or space to change, a digit to pick, Enter for the list") \
    X(T_HELP_F1, "F1：本说明", "F1: this help") \
    X(T_HELP_F2, "F2：中文 / English", "F2: English / 中文") \
    X(T_HELP_F4, "F4：发件箱（待发送、已送达、被拒绝的提交）", "F4: the outbox (waiting, delivered, refused submissions)") \
    X(T_HELP_F10, "F10：退出登录", "F10: sign out") \
    X(T_HELP_TOUCH, "触摸屏：点按底部按键栏或列表中的行", "Touch screens: touch the keys in the key line or a row of a list") \
    X(T_HELP, "帮助", "help") \
    X(T_BACK, "返回", "back") \
    X(T_OPEN, "打开", "open") \
    X(T_CHOOSE, "选择", "choose") \
    X(T_SUBMIT, "提交", "submit") \
    X(T_NEXT_FIELD, "下一项", "next") \
    X(T_ADD_ITEM, "添加", "add") \
    X(T_REFRESH, "刷新", "refresh") \
    X(T_OUTBOX, "发件箱", "outbox") \
    X(T_OTHER_LANGUAGE, "English", "中文") \
    X(T_SIGN_OUT, "退出登录", "sign out") \
    X(T_SIGN_OUT_CONFIRM, "退出登录", "Sign out") \
    X(T_STAY, "继续工作", "Stay") \
    X(T_QUIT, "关闭程序", "quit") \
    X(T_QUIT_CONFIRM, "关闭程序", "Quit the program") \
    X(T_SCROLL, "滚动", "scroll") \
    X(T_ACTION, "操作", "action") \
    X(T_YES, "是", "yes") \
    X(T_NO, "否", "no") \
    X(T_NONE, "（无）", "(none)") \
    X(T_NOT_CHOSEN, "（未选择）", "(not chosen)") \
    X(T_NOT_GIVEN, "（未填写）", "(not given)") \
    X(T_SIGN_IN, "登录", "sign in") \
    X(T_SIGN_IN_TITLE, "登录", "Sign in") \
    X(T_SIGN_IN_PLEASE, "请输入工号和密码（PIN）登录", "Sign in with your worker id and PIN") \
    X(T_WORKER_ID, "工号", "Worker id") \
    X(T_PIN, "密码", "PIN") \
    X(T_THIS_KIOSK, "本机", "Kiosk") \
    X(T_SERVER, "服务器", "server") \
    X(T_SIGN_IN_WRONG, "工号或密码不正确。连续输错多次，账户会被暂时锁定。", "Wrong worker id or PIN. After several wrong PINs in a row the worker is locked for a while.") \
    X(T_SIGN_IN_LOCKED, "密码错误次数过多，该工号已被暂时锁定，请稍后再试。", "Too many wrong PINs: this worker is locked for a while. Try again later.") \
    X(T_SIGN_IN_MISSING, "请填写工号和密码。", "Give the worker id and the PIN.") \
    X(T_SIGN_IN_OFFLINE, "无法连接服务器，现在不能登录。", "The server cannot be reached: signing in is not possible now.") \
    X(T_REAUTH_TITLE, "会话已结束：请 %s 重新输入密码", "The session ended: %s, enter your PIN again") \
    X(T_REAUTH_NEEDED, "需要重新登录", "Sign in again") \
    X(T_REAUTH_AGAIN, "重新输入密码", "Enter the PIN again") \
    X(T_REAUTH_LATER, "稍后再输入（先继续填写；提交会保存在本机）", "Later (go on; submissions are saved on this kiosk)") \
    X(T_HOME_TITLE, "今日工作", "Today's work") \
    X(T_MENU_FIND, "查找儿童", "Find a child") \
    X(T_MENU_REGISTER, "登记儿童", "Register a child") \
    X(T_MENU_REVIEW, "审核申请", "Reviews") \
    X(T_MENU_SERVICES, "业务办理", "Services") \
    X(T_MENU_OUTBOX, "发件箱", "Outbox") \
    X(T_OVERDUE_VISITS, "逾期未走访", "Overdue visits") \
    X(T_NEVER_VISITED, "从未走访", "never visited") \
    X(T_DUE_SINCE, "应于 %s 回访（上次 %s，%s）", "due %s (last visit %s, %s)") \
    X(T_URGENT_ITEMS, "紧急事项", "Urgent work items") \
    X(T_ROUTINE_ITEMS, "  另有 %zu 条常规事项", "  and %zu routine items") \
    X(T_WAITING_FOR_ME, "待我处理的申请", "Applications waiting for me") \
    X(T_OPERATOR_NO_RECORDS, "运维人员不查看儿童记录；请使用 kioskctl。", "Operators see no child records: use kioskctl.") \
    X(T_LISTS_OFFLINE, "服务器暂时连不上：今日列表无法显示。登记、走访等提交仍可进行，会保存在本机。", "The server cannot be reached: the lists cannot be shown. Registering, visits and other submissions still work; they are saved here.") \
    X(T_LISTS_REFUSED, "服务器拒绝显示今日列表。", "The server refused the lists.") \
    X(T_LISTS_OFFLINE_HINT, "F5 再试一次", "F5 tries again") \
    X(T_FIND_TITLE, "查找儿童", "Find a child") \
    X(T_QUERY, "姓名/拼音/身份证号", "Name / pinyin / ID no.") \
    X(T_FIND_HINT, "输入汉字姓名、拼音（如 wang xiao lian 或 xiaolian）或身份证号，按 Enter 查找。", "Type a name in characters, pinyin (wang xiao lian, xiaolian) or an identity number, then Enter.") \
    X(T_SEARCH_OR_OPEN, "查找/打开", "search / open") \
    X(T_FOUND_N, "找到 %zu 名儿童", "%zu children found") \
    X(T_FOUND_NONE, "没有找到符合的儿童", "No children found") \
    X(T_SEARCH_OFFLINE, "服务器暂时连不上，现在不能查找。", "The server cannot be reached: searching is not possible now.") \
    X(T_CHILD_TITLE, "儿童档案", "Child's record") \
    X(T_RECORD_OFFLINE, "服务器暂时连不上，无法显示记录。", "The server cannot be reached: the record cannot be shown.") \
    X(T_HOUSEHOLD, "家庭", "Household") \
    X(T_RECORD_AS_SEEN, "离线：显示的是上次打开时的记录", "Offline: the record as it was when opened") \
    X(T_NO_HOUSEHOLD, "（未登记家庭）", "(no household recorded)") \
    X(T_VISITS, "走访记录", "Visits") \
    X(T_APPLICATIONS, "申请", "Applications") \
    X(T_RECORD_VISIT, "记录走访", "record visit") \
    X(T_EDIT, "修改", "edit") \
    X(T_SERVICES_FOR_CHILD, "业务办理", "services") \
    X(T_REGISTER_TITLE, "登记儿童", "Register a child") \
    X(T_REGISTER_INTRO, "姓名、性别、出生日期、村、户口必填；填了身份证号，会自动核对出生日期和性别。", "Name, sex, birth date, village and hukou are required; an identity number is checked against them.") \
    X(T_REGISTERED, "已登记：%s（编号 %s）", "Registered: %s (id %s)") \
    X(T_DUPLICATES_TITLE, "可能已登记过：是同一个孩子吗？", "Possibly registered already: is this the same child?") \
    X(T_OUTSIDE_JURISDICTION, "（辖区外的儿童）", "(a child outside your area)") \
    X(T_NOT_THE_SAME_CHILD, "都不是：这是另一个孩子，仍然登记", "None of them: this is another child, register anyway") \
    X(T_BACK_TO_FORM, "返回修改表格", "Back to the form") \
    X(T_VISIT_TITLE, "记录走访", "Record a visit") \
    X(T_VISIT_RECORDED, "走访已记录。", "The visit is recorded.") \
    X(T_FOLLOW_UP_AFTER, "下次走访日期应晚于本次走访", "The follow-up must be after the visit") \
    X(T_EDIT_TITLE, "修改儿童档案", "Edit the child's record") \
    X(T_EDIT_INTRO, "修改基于您打开时看到的版本；若期间他人已修改，您的修改不会覆盖他人的。", "The change is based on the version you opened; if someone changed the record since, yours does not overwrite it.") \
    X(T_EDIT_SAVED, "修改已保存。", "The change is saved.") \
    X(T_EDIT_WAITING, "修改已保存在本机，联网后自动发送。若期间他人已修改该记录，您的修改会被拒绝（不会自动覆盖），可在发件箱查看。", "Saved on this kiosk and sent when the server can be reached. If someone changed the record meanwhile, yours is refused (never overwritten): see the outbox.") \
    X(T_STALE_NOT_SAVED, "您的修改没有保存，也不会自动重发。", "Your change was not saved and is not sent again by itself.") \
    X(T_STALE_TITLE, "记录已被他人修改", "Someone else changed the record") \
    X(T_STALE_RELOAD, "放弃我的修改，查看最新记录", "Drop my change and see the record as it is now") \
    X(T_STALE_KEEP_MINE, "在最新记录上保留我改过的项目，核对后再提交", "Put my changes into the record as it is now, check, then submit") \
    X(T_STALE_REBASED, "表格已改为基于第 %lld 版，他人的修改已保留：请核对后再按 F5 提交", "The form is now based on version %lld with the other change kept: check it, then F5") \
    X(T_SAVED_OFFLINE, "服务器暂时连不上。提交已保存在本机，服务器恢复后会自动发送；回复会显示在发件箱（F4）。", "The server cannot be reached. The submission is saved on this kiosk and is sent by itself when the server is back; the answer shows in the outbox (F4).") \
    X(T_REQUIRED, "必填", "required") \
    X(T_TOO_LONG, "太长", "too long") \
    X(T_NAME_TOO_LONG, "姓名最多 40 个字", "At most 40 characters") \
    X(T_GRADE_1_TO_4, "残疾等级为 1 到 4", "Grade 1 to 4") \
    X(T_ONLY_DISABILITY, "只有残疾类别才填写残疾类型和等级", "Only a disability has a type and grade") \
    X(T_UNREGISTERED_NO_ID, "未落户的儿童不能有身份证号", "An unregistered child has no identity number") \
    X(T_FORM_HAS_ERRORS, "表格中有需要更正的项目", "Some fields need correcting") \
    X(T_LEAVE_FORM, "离开这张表格？", "Leave this form?") \
    X(T_KEEP_EDITING, "继续填写", "Keep editing") \
    X(T_DISCARD_FORM, "放弃填写的内容", "Drop what was typed") \
    X(T_ITEM_N, "第 %zu 项", "Item %zu") \
    X(T_ITEM_REMOVE, "Delete 删除此项", "Delete removes it") \
    X(T_LIST_ITEMS, "%zu 项 · Insert 添加", "%zu · Insert adds one") \
    X(T_HELP_LIST_ROW, "Insert 或 Enter：添加一项；Delete：删除最后一项", "Insert or Enter: add an item; Delete: remove the last one") \
    X(T_HELP_ITEM_ROW, "Delete：删除这一项", "Delete: remove this item") \
    X(T_DATE_HINT, "日期格式：2019-04-23", "Dates are written 2019-04-23") \
    X(T_MONTH_HINT, "月份格式：2026-11", "Months are written 2026-11") \
    X(T_CHECK_DATE_FORMAT, "日期格式为 2019-04-23", "A date is written 2019-04-23") \
    X(T_CHECK_DATE_IMPOSSIBLE, "没有这一天", "There is no such day") \
    X(T_CHECK_DATE_FUTURE, "不能晚于今天", "Not after today") \
    X(T_CHECK_DATE_TOO_OLD, "已满 18 岁，不属于儿童", "18 or older: not a child") \
    X(T_CHECK_MONTH_FORMAT, "月份格式为 2026-11", "A month is written 2026-11") \
    X(T_CHECK_ID_LENGTH, "身份证号应为 18 位", "An identity number has 18 characters") \
    X(T_CHECK_ID_DIGITS, "前 17 位应为数字", "The first 17 are digits") \
    X(T_CHECK_ID_DATE, "第 7-14 位不是有效的出生日期", "Characters 7-14 are not a date of birth") \
    X(T_CHECK_ID_CHECK_CHARACTER, "校验位不对（应为 %c），请核对号码", "The check character is wrong (should be %c): check the number") \
    X(T_CHECK_ID_BIRTH_DATE, "号码中的出生日期与所填不符", "The number's birth date is not the one given") \
    X(T_CHECK_ID_SEX, "号码中的性别与所选不符", "The number's sex is not the one chosen") \
    X(T_CHECK_VILLAGE_FORMAT, "村代码为 12 位数字", "A village code has 12 digits") \
    X(T_CHECK_VILLAGE_ZERO, "这是县或乡镇代码，请填村代码", "That is a county or township: give the village") \
    X(T_CHECK_VILLAGE_OUTSIDE, "不在您的辖区内", "Outside your area") \
    X(T_CHECK_NUMBER, "请填整数", "A whole number") \
    X(T_CHECK_DECIMAL, "请填数字", "A number") \
    X(T_REFUSED_INVALID, "被拒绝：表格中有填写不符合要求的地方。", "Refused: something in the form is not right.") \
    X(T_REFUSED_NOT_FOUND, "被拒绝：找不到该记录，或它不在您的辖区内。", "Refused: no such record, or it is outside your area.") \
    X(T_REFUSED_EXISTS, "被拒绝：已有相同的记录（例如身份证号已被登记）。", "Refused: it exists already (e.g. the identity number is registered).") \
    X(T_REFUSED_PERMISSION, "被拒绝：您的岗位无权办理此事，或不在您的辖区内。", "Refused: your role may not do this, or it is outside your area.") \
    X(T_REFUSED_EXHAUSTED, "被拒绝：尝试次数过多，请稍后再试。", "Refused: too many attempts; try again later.") \
    X(T_REFUSED_PRECONDITION, "被拒绝：办理条件还不满足。", "Refused: the conditions are not met yet.") \
    X(T_REFUSED_STALE, "被拒绝：记录在您查看之后已被他人修改（您看到的是旧版本）。", "Refused: someone changed it after you looked (you saw an older version).") \
    X(T_REFUSED_RANGE, "被拒绝：超出允许的范围。", "Refused: out of range.") \
    X(T_REFUSED_UNIMPLEMENTED, "被拒绝：服务器不提供这项业务（相应插件可能未安装）。", "Refused: the server does not offer this (its plugin may not be installed).") \
    X(T_REFUSED_INTERNAL, "服务器出错，请联系运维人员。", "The server failed: call the operator.") \
    X(T_REFUSED_UNAVAILABLE, "服务器暂时不可用，请稍后再试。", "The server is not available now: try again later.") \
    X(T_REFUSED_UNAUTHENTICATED, "需要重新登录。", "Sign in again.") \
    X(T_REFUSED_DEADLINE, "服务器未及时回复，请稍后再试。", "The server did not answer in time: try again later.") \
    X(T_REFUSED_OTHER, "服务器拒绝了这次提交。", "The server refused it.") \
    X(T_GIST_REQUIRED, "必须填写", "is required") \
    X(T_GIST_FUTURE, "不能晚于今天", "is in the future") \
    X(T_GIST_TOO_EARLY, "日期太早", "is too early") \
    X(T_GIST_TOO_LATE, "日期太晚", "is too late") \
    X(T_GIST_TOO_LONG, "内容太长", "is too long") \
    X(T_GIST_DATE, "不是有效日期（格式 2019-04-23）", "is not a date (2019-04-23)") \
    X(T_GIST_NEGATIVE, "不能为负数", "is negative") \
    X(T_GIST_RANGE, "超出允许的范围", "is out of range") \
    X(T_GIST_EXCLUSIVE, "相互排斥，不能同时选择", "exclude each other") \
    X(T_GIST_TWICE, "重复填写", "is given twice") \
    X(T_GIST_CHARACTERS, "含有不允许的字符", "has characters it may not have") \
    X(T_GIST_CONTRADICTS, "与其他填写内容矛盾", "contradicts another field") \
    X(T_GIST_ID, "不是有效的编号", "is not an id") \
    X(T_GIST_FORMAT, "格式不对", "is not in the right form") \
    X(T_REVIEW_TITLE, "审核申请", "Reviews") \
    X(T_OTHER_STATES, "其他状态", "other states") \
    X(T_QUEUE_EMPTY, "没有申请", "No applications") \
    X(T_APPLICATION_TITLE, "申请", "Application") \
    X(T_ENTER_OPENS_CHILD, "Enter 打开儿童档案", "Enter opens the child's record") \
    X(T_CHECKS, "资格核查", "Eligibility checks") \
    X(T_HISTORY, "办理记录", "History") \
    X(T_ACTIONS, "可以进行的操作（按数字）", "What you can do (press the digit)") \
    X(T_NO_ACTIONS, "您的岗位在此状态下没有可进行的操作", "Your role has nothing to do in this state") \
    X(T_ACTION_NEEDS_REASON, "请填写原因（必填），然后按 F5 提交。", "Give the reason (required), then F5.") \
    X(T_ACTION_CONFIRM, "核对后按 F5 提交。", "Check, then F5.") \
    X(T_ACTION_DONE, "已办理。", "Done.") \
    X(T_REASON_REQUIRED, "这一操作必须填写原因", "This action needs a reason") \
    X(T_PAYLOAD_UNKNOWN, "（本机不认识的申请内容）", "(contents this kiosk does not know)") \
    X(T_SERVICES_TITLE, "业务办理", "Services") \
    X(T_PLUGIN_SERVICES, "本服务器提供的业务", "Services this server runs") \
    X(T_PLUGIN_SERVICES_UNCONFIRMED, "业务（服务器暂时连不上，未能确认已安装）", "Services (the server cannot be reached to confirm which are installed)") \
    X(T_CORE_SERVICES, "基础业务", "Core services") \
    X(T_METHOD_READS, "查询", "read") \
    X(T_METHOD_CHANGES, "提交", "submit") \
    X(T_ANSWER, "查询结果", "Answer") \
    X(T_ACCEPTED, "已受理", "Accepted") \
    X(T_EMPTY_ANSWER, "（没有内容）", "(nothing)") \
    X(T_READ_OFFLINE, "服务器暂时连不上，现在不能查询。", "The server cannot be reached: reading is not possible now.") \
    X(T_BYTES_N, "（%zu 字节）", "(%zu bytes)") \
    X(T_OUTBOX_TITLE, "发件箱", "Outbox") \
    X(T_OUTBOX_SUMMARY, "待发送 %lld · 已送达 %lld · 被拒绝 %lld", "waiting %lld · delivered %lld · refused %lld") \
    X(T_OUTBOX_EMPTY, "发件箱是空的", "The outbox is empty") \
    X(T_WAITING_TO_SEND, "等待发送", "waiting to be sent") \
    X(T_WAITING_FOR_PIN, "等待重新登录后发送", "waits for the PIN to be entered again") \
    X(T_PENDING_DETAIL, "还没有送达服务器，联网后会自动发送（已发送 %lld 次）。", "Not delivered yet; it is sent by itself when the server can be reached (sent %lld times so far).") \
    X(T_CORRECT_AND_SEND, "修改后重新提交", "Correct it and send it again") \
    X(T_SEND_NOW, "立即发送", "send now") \
    X(T_CLEAR_ANSWERED, "清除已处理", "clear answered")

#define SCREEN_TEXT_ID(id, zh, en) id,
typedef enum scr_text { SCREEN_TEXTS(SCREEN_TEXT_ID) T_COUNT } scr_text;
#undef SCREEN_TEXT_ID

/* The text in language `lang` (SCR_LANG_ZH, SCR_LANG_EN). */
const char *text_get(scr_text id, int lang);

#endif
