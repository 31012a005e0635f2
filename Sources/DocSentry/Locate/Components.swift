import Foundation

// Connected components of ink (8-connected), built from runs with a union-find, and their extents in a rotated
// text frame.

extension MRZLocator {
    /// One connected blob of ink: a character, a piece of one, several touching ones, or noise.
    struct Component: Sendable {
        var area = 0
        var sumX = 0.0
        var sumY = 0.0
        /// Bounding box in pixel indices, half-open.
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min

        var width: Int { maxX - minX }
        var height: Int { maxY - minY }
        /// Centroid in continuous coordinates (pixel centres at +0.5).
        var centreX: Double { sumX / Double(area) + 0.5 }
        var centreY: Double { sumY / Double(area) + 0.5 }
    }

    /// The components of a run image.
    struct ComponentMap: Sendable {
        var runs: RunImage
        /// For each run, the index of its component.
        var componentOfRun: [Int32]
        var components: [Component]

        init(_ runs: RunImage) {
            self.runs = runs
            let count = runs.runs.count
            var parent = [Int32](repeating: 0, count: count)
            for index in 0..<count { parent[index] = Int32(index) }
            parent.withUnsafeMutableBufferPointer { parent in
                @inline(__always) func root(_ start: Int32) -> Int32 {
                    var node = start
                    while parent[Int(node)] != node { node = parent[Int(node)] }
                    var walk = start
                    while parent[Int(walk)] != node {
                        let next = parent[Int(walk)]
                        parent[Int(walk)] = node
                        walk = next
                    }
                    return node
                }
                runs.runs.withUnsafeBufferPointer { list in
                    guard runs.height > 1 else { return }
                    for y in 1..<runs.height {
                        var previous = runs.rowStarts[y - 1]
                        let previousEnd = runs.rowStarts[y]
                        for current in runs.rowStarts[y]..<runs.rowStarts[y + 1] {
                            let run = list[current]
                            // 8-connected: a run in the row above touches when it reaches column start - 1.
                            while previous < previousEnd && list[previous].end < run.start { previous += 1 }
                            var candidate = previous
                            while candidate < previousEnd && list[candidate].start <= run.end {
                                let a = root(Int32(current)), b = root(Int32(candidate))
                                if a != b { parent[Int(max(a, b))] = min(a, b) }
                                candidate += 1
                            }
                        }
                    }
                    for index in 0..<count { _ = root(Int32(index)) }
                }
            }
            var componentOfRoot = [Int32](repeating: -1, count: count)
            var componentOfRun = [Int32](repeating: 0, count: count)
            var components = [Component]()
            for index in 0..<count {
                let rootIndex = Int(parent[index])
                if componentOfRoot[rootIndex] < 0 {
                    componentOfRoot[rootIndex] = Int32(components.count)
                    components.append(Component())
                }
                let component = Int(componentOfRoot[rootIndex])
                componentOfRun[index] = Int32(component)
                let run = runs.runs[index]
                let start = Int(run.start), end = Int(run.end), y = Int(run.y), length = end - start
                components[component].area += length
                components[component].sumX += Double(length) * Double(start + end - 1) / 2
                components[component].sumY += Double(length * y)
                components[component].minX = min(components[component].minX, start)
                components[component].maxX = max(components[component].maxX, end)
                components[component].minY = min(components[component].minY, y)
                components[component].maxY = max(components[component].maxY, y + 1)
            }
            self.componentOfRun = componentOfRun
            self.components = components
        }

        /// The runs of every component: `order[offsets[c]..<offsets[c + 1]]` are the run indices of component
        /// `c`, top row first.
        func runsByComponent() -> (offsets: [Int], order: [Int]) {
            var offsets = [Int](repeating: 0, count: components.count + 1)
            for component in componentOfRun { offsets[Int(component) + 1] += 1 }
            for index in 0..<components.count { offsets[index + 1] += offsets[index] }
            var fill = offsets
            var order = [Int](repeating: 0, count: componentOfRun.count)
            for (run, component) in componentOfRun.enumerated() {
                order[fill[Int(component)]] = run
                fill[Int(component)] += 1
            }
            return (offsets, order)
        }

        /// The kept components seen in a text frame turned `degrees` clockwise: `u` along the lines, `v` across
        /// them (down when the frame is upright). Components not in `keep` get no glyph.
        func glyphs(keep: [Bool], degrees: Double) -> [Glyph] {
            let radians = degrees * .pi / 180
            let c = cos(radians), s = sin(radians)
            var extents = [(uMin: Double, uMax: Double, vMin: Double, vMax: Double)](
                repeating: (.infinity, -.infinity, .infinity, -.infinity), count: components.count)
            runs.runs.withUnsafeBufferPointer { list in
                for (index, run) in list.enumerated() {
                    let component = Int(componentOfRun[index])
                    guard keep[component] else { continue }
                    let y = Double(run.y) + 0.5
                    let x0 = Double(run.start) + 0.5, x1 = Double(run.end) - 0.5
                    let u0 = x0 * c + y * s, u1 = x1 * c + y * s
                    let v0 = -x0 * s + y * c, v1 = -x1 * s + y * c
                    var e = extents[component]
                    e.uMin = min(e.uMin, u0, u1); e.uMax = max(e.uMax, u0, u1)
                    e.vMin = min(e.vMin, v0, v1); e.vMax = max(e.vMax, v0, v1)
                    extents[component] = e
                }
            }
            var glyphs = [Glyph]()
            for (index, e) in extents.enumerated() where keep[index] {
                glyphs.append(Glyph(component: index, area: components[index].area,
                                    uMin: e.uMin - 0.5, uMax: e.uMax + 0.5, vMin: e.vMin - 0.5, vMax: e.vMax + 0.5))
            }
            return glyphs
        }
    }

    /// A component's extent in a text frame.
    struct Glyph: Sendable {
        var component: Int
        var area: Int
        var uMin: Double
        var uMax: Double
        var vMin: Double
        var vMax: Double

        var u: Double { (uMin + uMax) / 2 }
        var v: Double { (vMin + vMax) / 2 }
        var width: Double { uMax - uMin }
        var height: Double { vMax - vMin }
    }
}
