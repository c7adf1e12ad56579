import KioskDomain

/// Invented names from common surnames and given-name characters, with their pinyin keys made
/// once per character (ICU's transform is slow; a generated name's key is its characters' keys).
enum DemoNames {
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程袁邓许傅沈彭吕")
    static let given = Array("小晓明华丽伟芳娜敏静强磊军洋勇艳杰娟涛超秀霞平刚桂英文辉玲建国红梅兰凤春莲")

    /// Each character's pinyin syllable.
    static let syllables: [Character: String] = {
        var table: [Character: String] = [:]
        for character in surnames + given { table[character] = PinyinKey(String(character)).compact }
        return table
    }()

    /// A name (a surname and one or two given characters) with its spaced and compact pinyin.
    static func name(surname: Character, _ random: inout DemoRandom) -> (name: String, spaced: String, compact: String) {
        var characters = [surname, random.pick(self.given)]
        if random.chance(0.7) { characters.append(random.pick(self.given)) }
        let keys = characters.map { self.syllables[$0] ?? "" }
        return (String(characters), keys.joined(separator: " "), keys.joined())
    }

    /// Plain observations of a monitoring visit; none names or describes a person.
    static let observations = [
        "在家，由祖父母照看，情况稳定。", "按时上学，生活照料良好。", "家中卫生一般，已提醒注意饮食。",
        "监护人外出务工，由亲属照看。", "身体健康，按时接种疫苗。", "学习有困难，已联系学校老师。",
        "家庭经济困难，已告知可申请的补助。", "情绪低落，建议加强陪伴，下次重点关注。",
    ]
}
