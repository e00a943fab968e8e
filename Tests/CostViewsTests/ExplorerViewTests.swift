import CostEngine
import CostModel
import Foundation
import CosttopTestSupport
import Testing
@testable import CostTerminal
@testable import CostViews

/// Views people share: the view text, back and forward, bookmarks, copying, and `query --view`.
@Suite("Explorer views", .serialized)
struct ExplorerViewTests {
    func explorer() throws -> Explorer {
        let (_, cache) = try Support.ingest([Support.repository + "/sample-data/aws-cur"], cache: Support.temporaryFolder() + "/s.ctc")
        let explorer = try Explorer(cache: cache, cacheName: "s.ctc")
        explorer.bookmarksPath = Support.temporaryFolder() + "/costtop/bookmarks.txt"
        return explorer
    }

    @Test("a view's text round-trips, hostile keys included, and bad texts name what is wrong")
    func text() throws {
        let view = ExplorerView(steps: [(.fixed(.account), "1;2/3=4%5 ,!"), (.tag("team"), "Wéb\n")], groupBy: .fixed(.usageType),
                                selectedKey: "USE1-BoxUsage:m5.large", period: .custom(DayRange(from: Day("2024-08-01")!, to: Day("2024-08-31")!)),
                                comparison: .lastMonth, metric: .effective,
                                filters: [Filter(dimension: .fixed(.region), value: "us-east-1", exclude: true)], screen: "movers")
        #expect(view.text == "v1;path=account=1%3B2%2F3%3D4%255%20%2C%21/tag:team=W%C3%A9b%0A;by=usage-type;sel=USE1-BoxUsage:m5.large;"
                + "period=2024-08-01..2024-08-31;compare=last-month;metric=effective;where=region!=us-east-1;screen=movers")
        let back = try ExplorerView(text: view.text)
        #expect(back == view && back.steps.map(\.key) == ["1;2/3=4%5 ,!", "Wéb\n"])
        for bad in ["path=account=1", "v1;by=nowhere", "v1;period=yesterday", "v1;sel=%G1", "v1;colour=red"] {
            #expect(throws: QueryError.self) { try ExplorerView(text: bad) }
        }
    }

    @Test("back and forward like a browser: a new visit drops the forward views")
    func history() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        let top = explorer.currentView.place
        session.run(.drillDown)
        let account = explorer.currentView.place
        session.run(.periodLast7Days)
        let week = explorer.currentView.place
        #expect(Set([top.text, account.text, week.text]).count == 3)
        session.run(.viewBack)
        #expect(explorer.currentView.place == account)
        session.run(.viewBack)
        #expect(explorer.currentView.place == top)
        #expect(explorer.data.rows[explorer.state.selection].key == account.steps[0].key, "back restores the selected row")
        session.run(.viewBack)
        #expect(explorer.state.message == "no view to go back to")
        session.run(.viewForward)
        #expect(explorer.currentView.place == account)
        session.run(.cycleMetric)
        session.run(.viewForward)
        #expect(explorer.state.message == "no view to go forward to", "a new visit dropped the forward history")
        session.run(.viewBack)
        #expect(explorer.currentView.place == account)
    }

    @Test("y copies the view (OSC 52 effect, shown on screen); :bookmark and :go keep named views; :view opens text")
    func copyAndBookmarks() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        session.run(.drillDown)
        session.run(.regroup, "region")
        let effect = session.run(.copyView)
        let text = explorer.currentView.text
        #expect(effect == .copy(text))
        #expect(session.lines(200, 30).last?.contains("copied: v1;path=account=") == true)
        session.run(.saveBookmark, "web regions")
        #expect(try String(contentsOfFile: explorer.bookmarksPath!, encoding: .utf8) == "web regions\t\(text)\n")

        let other = try Explorer(cache: explorer.cache, cacheName: "s.ctc")
        other.bookmarksPath = explorer.bookmarksPath
        ScriptedSession(other).run(.openBookmark, "web regions")
        #expect(other.currentView == explorer.currentView)
        #expect(other.data.rows.map(\.key) == explorer.data.rows.map(\.key))
        ScriptedSession(other).run(.openBookmark, "nothing")
        #expect(other.state.message == "bookmarks: web regions")

        let third = try Explorer(cache: explorer.cache, cacheName: "s.ctc")
        ScriptedSession(third).run(.openView, text)
        #expect(third.currentView == explorer.currentView)
        // The movers screen is part of a view.
        session.run(.movers)
        let moversText = explorer.currentView.text
        #expect(moversText.hasSuffix(";screen=movers"))
        ScriptedSession(third).run(.openView, moversText)
        #expect(third.activeScreen == .movers)
    }

    @Test("query --view answers the question the view shows, row for row")
    func queryView() throws {
        let explorer = try explorer()
        let session = ScriptedSession(explorer)
        session.run(.drillDown)
        session.run(.periodLast7Days)
        let result = Support.costtop(["query", "--cache", explorer.cache.path, "--view", explorer.currentView.text, "--format", "csv"])
        #expect(result.status == 0, "\(result.err)")
        let rows = CSVRecords.objects(result.out).filter { $0["key"] != "TOTAL" }
        #expect(rows.count == explorer.data.rows.count)
        for row in explorer.data.rows {
            let line = rows.first { $0["key"] == row.key }
            #expect(line?["cost"] == Money.plainString(row.cost) && line?["previous"] == Money.plainString(row.previous))
        }
        let bad = Support.costtop(["query", "--cache", explorer.cache.path, "--view", "v2;by=service"])
        #expect(bad.status == 64 && bad.err.contains("bad --view"))
    }

    @Test("OSC 52's base64 is the standard one")
    func base64() {
        #expect(TerminalScreen.base64(Array("".utf8)) == "")
        #expect(TerminalScreen.base64(Array("f".utf8)) == "Zg==")
        #expect(TerminalScreen.base64(Array("fo".utf8)) == "Zm8=")
        #expect(TerminalScreen.base64(Array("foobar".utf8)) == "Zm9vYmFy")
        let text = "v1;path=account=1%3B;by=service"
        #expect(TerminalScreen.base64(Array(text.utf8)) == Data(text.utf8).base64EncodedString())
    }
}
