import KioskRecords
import Testing

@Suite struct MedianTests {
    @Test func medianOfOddAndEvenCounts() {
        #expect(Median.of([3: 1, 5: 1, 9: 1]) == 5)
        #expect(Median.of([3: 2, 10: 2]) == 6.5)
        #expect(Median.of([7: 4]) == 7)
        #expect(Median.of([:]) == nil)
    }
}
