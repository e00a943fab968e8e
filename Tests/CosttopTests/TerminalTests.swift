import Testing
#if canImport(CNcurses)
import CostTerminal

@Test func probe() {
    #expect(ColorReduction.nearest(.init(196), colors: 8).index == 1)
}
#else
@Test(.disabled("needs CostTerminal")) func probe() {}
#endif
