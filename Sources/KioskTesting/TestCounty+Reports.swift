public import KioskProtos

extension TestCounty {
    /// The indicators of `division` for the months `from`…`through` (`YYYY-MM`), asked over the
    /// wire (`kiosk.core.v1.Reports/GetIndicators`) as `who` (the county officer by default).
    ///
    /// ```swift
    /// let report = try await county.indicators(from: "2026-01", through: "2026-03", breakdown: .areaAndMonth)
    /// #expect(report.value("fostercare.placements-active", month: "2026-02") == 1)
    /// ```
    public func indicators(
        division: String = TestCounty.county,
        from: String,
        through: String,
        breakdown: Kiosk_Core_V1_Breakdown = .areaAndMonth,
        as who: Who = .officer
    ) async throws -> Kiosk_Core_V1_GetIndicatorsResponse {
        try await self.as(who) { client in
            var request = Kiosk_Core_V1_GetIndicatorsRequest()
            request.division = division
            request.fromMonth = from
            request.throughMonth = through
            request.breakdown = breakdown
            return try await Kiosk_Core_V1_Reports.Client(wrapping: client).getIndicators(request)
        }
    }
}

extension Kiosk_Core_V1_GetIndicatorsResponse {
    /// The value of `indicator` for `area` (the division when nil), `month` (`""` for the period) and
    /// `group` (`""` for the total): 0 when the response leaves the cell out, nil when it is
    /// suppressed ("fewer than N").
    public func value(_ indicator: String, area: String? = nil, month: String = "", group: String = "") -> Double? {
        let area = area ?? self.division
        guard let cell = self.cells.first(where: { $0.indicatorID == indicator && $0.area == area && $0.month == month && $0.group == group })
        else { return 0 }
        return cell.suppressed ? nil : cell.value
    }
}
