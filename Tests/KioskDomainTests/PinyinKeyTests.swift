import Foundation
import KioskDomain
import Testing

@Suite struct PinyinKeyTests {
    /// What this platform's Foundation (ICU) returns for the raw Han-to-Latin transform, tones included.
    @Test(arguments: [("王小莲", "wáng xiǎo lián"), ("李明", "lǐ míng"), ("张伟", "zhāng wěi"), ("陈静", "chén jìng")])
    func foundationTransformToLatinWorks(name: String, latin: String) throws {
        let transformed = try #require(name.applyingTransform(.toLatin, reverse: false))
        #expect(transformed == latin)
        #expect(transformed.applyingTransform(.stripDiacritics, reverse: false) == latin.folding(options: .diacriticInsensitive, locale: nil))
    }

    @Test(arguments: [("王小莲", "wang xiao lian"), ("李明", "li ming"), ("张伟", "zhang wei"), ("陈静", "chen jing")])
    func chineseNames(name: String, spaced: String) {
        let key = PinyinKey(name)
        #expect(key.spaced == spaced)
        #expect(key.description == spaced)
        #expect(key.compact == spaced.replacingOccurrences(of: " ", with: ""))
        #expect(key.syllables.count == name.count)
    }

    @Test(arguments: [
        "Wang  Xiaolian", "wang xiao lian", "WANG XIAO LIAN", "wangxiaolian", " Wang-Xiao-Lian ",
        "wang xiao'lian", "ＷＡＮＧ ＸＩＡＯ ＬＩＡＮ", "Wáng Xiǎolián", "王小莲",
    ])
    func queriesMatchRegardlessOfSpacingAndCase(query: String) {
        let name = PinyinKey("王小莲")
        let typed = PinyinKey(query)
        #expect(typed.compact == "wangxiaolian")
        #expect(name.matches(typed))
        #expect(typed.matches(name))
    }

    @Test func spacingIsNormalisedButRunTogetherSyllablesAreKept() {
        #expect(PinyinKey("  Wang   Xiaolian ").spaced == "wang xiaolian")
        #expect(PinyinKey("  Wang   Xiaolian ").syllables == ["wang", "xiaolian"])
    }

    @Test(arguments: ["wang xiao li", "li ming", "wang", "xiao lian", "wang xiao lian li"])
    func otherNamesDoNotMatch(query: String) {
        #expect(!PinyinKey("王小莲").matches(PinyinKey(query)))
    }

    @Test func prefixMatchingForTypeAhead() {
        let name = PinyinKey("王小莲")
        #expect(name.hasPrefix(PinyinKey("wang")))
        #expect(name.hasPrefix(PinyinKey("Wang X")))
        #expect(name.hasPrefix(PinyinKey("wangxiaol")))
        #expect(!name.hasPrefix(PinyinKey("xiao")))
        #expect(!name.hasPrefix(PinyinKey("")))
    }

    @Test(arguments: [
        ("吕", "lu"), ("女", "nu"), ("略", "lue"), ("吕小红", "lu xiao hong"),
        ("lü", "lu"), ("LÜ", "lu"), ("lv", "lu"), ("Nv", "nu"), ("lve", "lue"),
    ])
    func uUmlautBecomesU(text: String, spaced: String) {
        #expect(PinyinKey(text).spaced == spaced)
    }

    @Test func lvAndLuFindTheSameSurname() {
        let lu = PinyinKey("吕")
        #expect(lu.matches(PinyinKey("lu")))
        #expect(lu.matches(PinyinKey("lv")))
        #expect(lu.matches(PinyinKey("lü")))
        #expect(PinyinKey("lvxiaohong").compact == "lvxiaohong") // run together: v is left alone
    }

    @Test(arguments: [
        ("Anna", "anna"), ("Zoë O'Brien", "zoe o brien"), ("MÜLLER", "muller"), ("Tashi Dorje", "tashi dorje"),
    ])
    func latinNamesPassThroughLowerCased(text: String, spaced: String) {
        #expect(PinyinKey(text).spaced == spaced)
    }

    @Test func middleDotSeparatesTransliteratedNames() {
        #expect(PinyinKey("阿依古丽·买买提").spaced == "a yi gu li mai mai ti")
    }

    @Test(arguments: ["", "   ", "·", "--"])
    func blankInputGivesAnEmptyKeyThatMatchesNothing(text: String) {
        let key = PinyinKey(text)
        #expect(key.isEmpty)
        #expect(key.compact == "")
        #expect(!PinyinKey("王小莲").matches(key))
        #expect(!key.matches(key))
    }
}
