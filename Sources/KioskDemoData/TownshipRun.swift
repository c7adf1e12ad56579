import GRDB
import KioskDomain
import KioskPluginKit

/// A generated child, kept while its township's plugins' records are made.
struct DemoChild {
    var id: String
    var village: String
    var household: String
    var birth: CalendarDate
    var sex: Sex
    var kinds: Set<ChildCategory.Kind>
    var disabilityGrade: Int?
    var registered: CalendarDate
    var hukou: HukouStatus
    /// The visiting risk: 0 low, 1 medium, 2 high.
    var risk: Int

    /// Age in completed years on `day`.
    func age(on day: CalendarDate) -> Int { self.birth.completedYears(on: day) }
}

/// The generation of one township, in one transaction: its villages' households, caregivers,
/// children and visits, then each installed plugin's records for those children.
final class TownshipRun {
    let spec: CountySpec
    let county: String
    let township: String
    let countyIndex: Int
    let townshipIndex: Int
    let writer: DemoWriter
    var random: DemoRandom
    var ids: DemoIDs
    private var sequences: [Int: Int] = [:]

    init(spec: CountySpec, countyIndex: Int, townshipIndex: Int, writer: DemoWriter) {
        self.spec = spec
        self.countyIndex = countyIndex
        self.townshipIndex = townshipIndex
        self.county = spec.countyCode(countyIndex)
        self.township = self.county + CountySpec.threeDigits(townshipIndex + 1)
        self.writer = writer
        self.random = DemoRandom(seed: spec.seed, stream: UInt64(countyIndex * 1000 + townshipIndex + 1))
        self.ids = DemoIDs(county: countyIndex, township: townshipIndex)
    }

    /// The village code of village `index` (0-based) of the township.
    func village(_ index: Int) -> String {
        self.township + CountySpec.threeDigits(index + 1)
    }

    /// The village director who visits and applies in `village` (a worker id; no worker row is made).
    func director(of village: String) -> String { "director-\(village)" }
    /// The township's supervisor (a worker id).
    var supervisor: String { "supervisor-\(self.township)" }
    /// The county's officer (a worker id).
    var officer: String { "officer-\(self.county)" }
    /// The township's kiosk.
    var kiosk: String { "kiosk-\(self.township)" }

    /// A valid identity number for a child born on `birth` of `sex`, issued in `address`; nil when
    /// the township's numbers for that day run out (a child may have none).
    func identityNumber(address: String, birth: CalendarDate, sex: Sex) -> String? {
        let key = birth.dayNumber * 2 + (address == self.county ? 0 : 1)
        let count = self.sequences[key, default: 0]
        guard count < 30 else { return nil }
        self.sequences[key] = count + 1
        let sequence = self.townshipIndex % 16 * 60 + count * 2 + (sex == .male ? 1 : 2)
        let body = address + birth.isoString.filter { $0 != "-" } + CountySpec.threeDigits(sequence)
        guard let check = ResidentIdentityNumber.checkCharacter(forDigits: body.compactMap(\.wholeNumberValue)) else { return nil }
        return body + String(check)
    }

    /// A random day from `first` to `last` (both included; `first` when `last` is earlier).
    func day(from first: CalendarDate, to last: CalendarDate) -> CalendarDate {
        guard last > first else { return first }
        return first.adding(days: self.random.int(0...first.days(to: last)))
    }

    /// The core's rows for the township's children, then each plugin's.
    func run(plugins: DemoPlugins, childrenPerVillage: [Int]) throws -> [DemoChild] {
        var children: [DemoChild] = []
        for (index, count) in childrenPerVillage.enumerated() {
            children += try self.registry(village: self.village(index), children: count)
        }
        try self.visits(children)
        try plugins.generate(children, in: self)
        return children
    }
}
