import GRPCCore
import KioskDomain
import KioskPluginKit
import KioskRecords
import KioskProtos

/// Translates `kiosk.core.v1.Reports` messages; every field is checked before the engine sees it.
enum ReportMessages {
    /// The request's division, nil when empty.
    static func division(_ text: String) throws -> Jurisdiction? {
        try ChildMessages.jurisdiction(String(text.prefix(40)))
    }

    /// The engine's request for a call, or INVALID_ARGUMENT naming the field.
    static func request(
        _ request: Kiosk_Core_V1_GetIndicatorsRequest, division: Jurisdiction, maximumMonths: Int, maximumIDs: Int
    ) throws -> IndicatorRequest {
        let period: IndicatorPeriod
        do {
            period = try IndicatorPeriod(
                from: String(request.fromMonth.prefix(20)), through: String(request.throughMonth.prefix(20)),
                fromField: "from_month", throughField: "through_month"
            )
        } catch {
            throw RPCError(code: .invalidArgument, message: error.message)
        }
        guard period.months.count <= maximumMonths else {
            throw RPCError(code: .invalidArgument, message: "through_month: \(period.months.count) months; a call covers at most \(maximumMonths)")
        }
        guard request.indicatorIds.count <= maximumIDs else {
            throw RPCError(code: .invalidArgument, message: "indicator_ids: \(request.indicatorIds.count) ids; at most \(maximumIDs)")
        }
        return IndicatorRequest(division: division, period: period, breakdown: try self.breakdown(request.breakdown), indicatorIDs: Set(request.indicatorIds))
    }

    static func breakdown(_ breakdown: Kiosk_Core_V1_Breakdown) throws -> IndicatorRequest.Breakdown {
        switch breakdown {
        case .total: []
        case .area: [.areas]
        case .month: [.months]
        case .areaAndMonth: [.areas, .months, .areaMonths]
        case .unspecified, .UNRECOGNIZED: throw RPCError(code: .invalidArgument, message: "breakdown: is required")
        }
    }

    /// The report as the wire carries it: cells of 0 and medians without events left out.
    static func response(_ report: IndicatorReport) -> Kiosk_Core_V1_GetIndicatorsResponse {
        var response = Kiosk_Core_V1_GetIndicatorsResponse()
        response.definitionsVersion = report.definitionsVersion
        response.division = report.totalArea
        response.fromMonth = report.from
        response.throughMonth = report.through
        response.areaLevel = report.areaLevel ?? ""
        response.smallCountThreshold = UInt32(report.smallCountThreshold)
        response.indicators = report.indicators.map(self.definition)
        response.areas = report.areas
        response.cells = report.cells.compactMap { cell in
            guard cell.suppressed == true || (cell.value ?? 0) != 0 else { return nil }
            var wire = Kiosk_Core_V1_IndicatorCell()
            wire.indicatorID = cell.indicator
            wire.area = cell.area
            wire.month = cell.month
            wire.group = cell.group
            wire.value = cell.value ?? 0
            wire.suppressed = cell.suppressed ?? false
            return wire
        }
        return response
    }

    private static func definition(_ definition: IndicatorDefinition) -> Kiosk_Core_V1_IndicatorDefinition {
        var wire = Kiosk_Core_V1_IndicatorDefinition()
        wire.id = definition.id
        wire.titleZh = definition.title.zh
        wire.titleEn = definition.title.en
        wire.rule = definition.rule
        wire.unit = definition.unit
        wire.levels = definition.levels
        wire.provider = definition.provider
        wire.groups = definition.groups.map { group in
            var wire = Kiosk_Core_V1_IndicatorGroup()
            wire.key = group.key
            wire.titleZh = group.title.zh
            wire.titleEn = group.title.en
            return wire
        }
        return wire
    }
}
