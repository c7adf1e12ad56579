import KioskDomain
import KioskPluginKit

/// Households, caregivers and children of a village, in plausible proportions for a poor rural
/// county (our assumptions, not statistics): 1 to 3 children per household; left behind by both
/// parents 11% and by one 9% (under 16), orphans 0.4%, de facto without care 0.9%, minimum living
/// guarantee 9% (whole households), disability 1.6%, out of school 1.2% of those 6 and over,
/// unregistered 1.5%, registered elsewhere 3%.
extension TownshipRun {
    /// What a household shares.
    private enum Family {
        case parents, leftBehindBoth, leftBehindOne, orphaned, deFacto
    }

    func registry(village: String, children count: Int) throws -> [DemoChild] {
        var children: [DemoChild] = []
        var house = 0
        while children.count < count {
            house += 1
            let size = min(count - children.count, self.random.weighted([(1, 45.0), (2, 40), (3, 15)]))
            children += try self.household(village: village, number: house, size: size)
        }
        return children
    }

    private func household(village: String, number: Int, size: Int) throws -> [DemoChild] {
        let family = self.random.weighted([
            (Family.parents, 78.7), (.leftBehindBoth, 11), (.leftBehindOne, 9), (.orphaned, 0.4), (.deFacto, 0.9),
        ])
        let dibao = self.random.chance(0.09)
        let surname = self.random.pick(DemoNames.surnames)
        let householdID = self.ids.make("H")
        var members = (0..<size).map { _ in self.child(village: village, household: householdID, family: family, dibao: dibao) }
        members.sort { $0.registered < $1.registered }
        let created = DemoTime.office(members[0].registered, &self.random)
        try self.writer.insert(
            "core_household", "household_id, village, address, version, created_at, updated_at",
            [householdID, village, "第\(1 + number / 40)组\(number)号", 1, created, created]
        )
        let caregivers = try self.caregivers(of: householdID, family: family, surname: surname)
        for child in members {
            let name = DemoNames.name(surname: surname, &self.random)
            let address = child.hukou == .registeredElsewhere ? "51" + self.county.dropFirst(2) : self.county
            let number = child.hukou == .unregistered ? nil : self.identityNumber(address: String(address), birth: child.birth, sex: child.sex)
            let at = DemoTime.office(child.registered, &self.random)
            try self.writer.insert(
                "core_child",
                "child_id, name, name_pinyin, name_pinyin_compact, sex, birth_date, village, identity_number, hukou_status, household_id, version, created_at, updated_at",
                [child.id, name.name, name.spaced, name.compact, child.sex.rawValue, child.birth.isoString, village, number,
                 child.hukou.rawValue, householdID, 1, at, at]
            )
            for kind in child.kinds.sorted(by: { $0.rawValue < $1.rawValue }) {
                let disability = kind == .disability
                try self.writer.insert(
                    "core_child_category", "child_id, kind, disability_type, disability_grade, since",
                    [child.id, kind.rawValue, disability ? self.random.pick(ChildCategory.DisabilityType.allCases).rawValue : nil,
                     disability ? child.disabilityGrade : nil, nil]
                )
            }
            for (index, caregiver) in caregivers.enumerated() {
                try self.writer.insert(
                    "core_child_caregiver", "child_id, caregiver_id, relationship, is_primary",
                    [child.id, caregiver.id, caregiver.relationship.rawValue, index == 0]
                )
            }
        }
        return members
    }

    private func child(village: String, household: String, family: Family, dibao: Bool) -> DemoChild {
        let until = self.spec.until
        let birth = self.day(from: until.adding(years: -18).adding(days: 1), to: until)
        var kinds: Set<ChildCategory.Kind> = dibao ? [.minimumLivingGuarantee] : []
        let age = birth.completedYears(on: until)
        switch family {
        case .leftBehindBoth where age < 16: kinds.insert(.leftBehindBothParents)
        case .leftBehindOne where age < 16: kinds.insert(.leftBehindOneParent)
        case .orphaned: kinds.insert(.orphan)
        case .deFacto: kinds.insert(.deFactoUnattended)
        default: break
        }
        var grade: Int?
        if self.random.chance(0.016) {
            kinds.insert(.disability)
            grade = self.random.weighted([(1, 15.0), (2, 25), (3, 30), (4, 30)])
        }
        if age >= 6, self.random.chance(0.012) { kinds.insert(.outOfSchool) }
        let hukou = self.random.weighted([(HukouStatus.registeredLocal, 95.5), (.registeredElsewhere, 3), (.unregistered, 1.5)])
        if hukou == .unregistered { kinds.insert(.unregistered) }
        let highRisk = kinds.contains(.orphan) || kinds.contains(.deFactoUnattended) || kinds.contains(.leftBehindBothParents)
        let risk = self.random.weighted([(0, highRisk ? 30.0 : 65), (1, 30), (2, highRisk ? 40 : 5)])
        return DemoChild(
            id: self.ids.make("C"), village: village, household: household, birth: birth,
            sex: self.random.chance(0.515) ? .male : .female, kinds: kinds, disabilityGrade: grade,
            registered: self.registration(birth: birth), hukou: hukou, risk: risk
        )
    }

    /// Three quarters of the children born before the records start were registered in the three
    /// years before; the rest, and children born since, during the records' months.
    private func registration(birth: CalendarDate) -> CalendarDate {
        let start = self.spec.start
        if birth >= start { return min(self.day(from: birth.adding(days: 7), to: birth.adding(days: 120)), self.spec.until) }
        if self.random.chance(0.75) { return self.day(from: max(birth, start.adding(years: -3)), to: start.adding(days: -1)) }
        return self.day(from: start, to: self.spec.until)
    }

    private func caregivers(of household: String, family: Family, surname: Character) throws -> [(id: String, relationship: ChildCaregiver.Relationship)] {
        let relationships: [ChildCaregiver.Relationship] =
            switch family {
            case .parents: [.mother, .father]
            case .leftBehindBoth: self.random.chance(0.5) ? [.grandparent, .grandparent] : [.grandparent]
            case .leftBehindOne: [self.random.chance(0.7) ? .mother : .father, .grandparent]
            case .orphaned, .deFacto: [self.random.pick([.grandparent, .auntOrUncle, .otherRelative])]
            }
        var result: [(String, ChildCaregiver.Relationship)] = []
        for relationship in relationships {
            let id = self.ids.make("G")
            let old = relationship == .grandparent
            let sex: Sex = relationship == .mother ? .female : relationship == .father ? .male : (self.random.chance(0.5) ? .female : .male)
            try self.writer.insert(
                "core_caregiver", "caregiver_id, household_id, name, sex, birth_year, phone",
                [id, household, DemoNames.name(surname: old ? surname : self.random.pick(DemoNames.surnames), &self.random).name,
                 sex.rawValue, self.spec.until.year - (old ? self.random.int(55...78) : self.random.int(24...45)),
                 "1\(self.random.int(30...89))\(self.random.int(10_000_000...99_999_999))"]
            )
            result.append((id, relationship))
        }
        return result
    }
}
