/// Generators of the identifiers a bill is full of: resource ids, ARNs, UUIDs, SKUs and
/// line item ids, all drawn from the run's generator so they repeat exactly for a seed.
enum Identifiers {
    // Alphabets of the generated identifiers.
    private static let hexDigits = Array("0123456789abcdef".utf8)
    private static let base32Digits = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
    private static let upperDigits = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)

    /// `count` lowercase hex digits.
    static func hex(_ count: Int, _ rng: inout SplitMix64) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes.append(hexDigits[rng.below(16)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `count` characters from A–Z and 0–9.
    static func upper(_ count: Int, _ rng: inout SplitMix64) -> String {
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes.append(upperDigits[rng.below(upperDigits.count)]) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A random (version 4 layout) UUID.
    static func uuid(_ rng: inout SplitMix64) -> String {
        "\(hex(8, &rng))-\(hex(4, &rng))-4\(hex(3, &rng))-a\(hex(3, &rng))-\(hex(12, &rng))"
    }

    /// A 16-character SKU derived from the usage type's identity (FNV-1a), stable across runs
    /// and seeds as real SKUs are.
    static func sku(_ key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        var bytes: [UInt8] = []
        for _ in 0..<16 {
            hash = SplitMix64.mix(hash)
            bytes.append(upperDigits[Int(hash % UInt64(upperDigits.count))])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Length of identity/LineItemId.
    static let lineItemIdLength = 52

    /// Writes a 52-character lowercase base32 line item id (like AWS's) for row `row` at `output`.
    @inline(__always)
    static func writeLineItemId(seed: UInt64, variant: UInt64, row: UInt64, into output: UnsafeMutablePointer<UInt8>) {
        var state = SplitMix64.hash(seed, variant, row, 0x11E7)
        var bits = state
        var available = 64
        for index in 0..<lineItemIdLength {
            if available < 5 {
                state = SplitMix64.mix(state &+ 0x9E37_79B9_7F4A_7C15)
                bits = state
                available = 64
            }
            output[index] = base32Digits[Int(bits & 31)]
            bits >>= 5
            available -= 5
        }
    }

    /// The resource id of a resource of `kind`, named after its account and app.
    static func resource(_ kind: ResourceKind, region: Region?, account: Account, name: String,
                         _ rng: inout SplitMix64) -> String {
        let code = region?.code ?? "us-east-1"
        let id = account.id
        switch kind {
        case .none: return ""
        case .instance: return "i-0\(hex(16, &rng))"
        case .volume: return "vol-0\(hex(16, &rng))"
        case .snapshot: return "snap-0\(hex(16, &rng))"
        case .bucket: return "arn:aws:s3:::\(name)"
        case .database: return "arn:aws:rds:\(code):\(id):db:\(name)"
        case .function: return "arn:aws:lambda:\(code):\(id):function:\(name)"
        case .table: return "arn:aws:dynamodb:\(code):\(id):table/\(name)"
        case .distribution: return "arn:aws:cloudfront::\(id):distribution/E\(upper(13, &rng))"
        case .cluster: return "arn:aws:eks:\(code):\(id):cluster/\(name)"
        case .cacheCluster: return "arn:aws:elasticache:\(code):\(id):cluster:\(name)-001"
        case .natGateway: return "arn:aws:ec2:\(code):\(id):natgateway/nat-0\(hex(16, &rng))"
        case .queue: return "arn:aws:sqs:\(code):\(id):\(name)"
        case .topic: return "arn:aws:sns:\(code):\(id):\(name)"
        case .stream: return "arn:aws:kinesis:\(code):\(id):stream/\(name)"
        case .warehouse: return "arn:aws:redshift:\(code):\(id):cluster:\(name)"
        case .endpoint: return "arn:aws:sagemaker:\(code):\(id):endpoint/\(name)"
        case .domain: return "arn:aws:es:\(code):\(id):domain/\(name)"
        case .fileSystem: return "arn:aws:elasticfilesystem:\(code):\(id):file-system/fs-0\(hex(16, &rng))"
        case .key: return "arn:aws:kms:\(code):\(id):key/\(uuid(&rng))"
        case .secret: return "arn:aws:secretsmanager:\(code):\(id):secret:\(name)-\(upper(6, &rng))"
        case .service: return "arn:aws:ecs:\(code):\(id):service/\(account.name)/\(name)"
        case .broker: return "arn:aws:mq:\(code):\(id):broker:\(name):b-\(uuid(&rng))"
        case .repository: return "arn:aws:ecr:\(code):\(id):repository/\(name)"
        case .vpcEndpoint: return "vpce-0\(hex(16, &rng))"
        case .backupVault: return "arn:aws:backup:\(code):\(id):backup-vault:\(name)"
        case .detector: return "arn:aws:guardduty:\(code):\(id):detector/\(hex(32, &rng))"
        case .trail: return "arn:aws:cloudtrail:\(code):\(id):trail/\(name)"
        case .loadBalancer: return "arn:aws:elasticloadbalancing:\(code):\(id):loadbalancer/app/\(name)/\(hex(16, &rng))"
        case .hostedZone: return "arn:aws:route53:::hostedzone/Z\(upper(20, &rng))"
        case .glueJob: return "arn:aws:glue:\(code):\(id):job/\(name)"
        case .workgroup: return "arn:aws:athena:\(code):\(id):workgroup/\(name)"
        case .fsx: return "arn:aws:fsx:\(code):\(id):file-system/fs-0\(hex(16, &rng))"
        case .transitGateway: return "arn:aws:ec2:\(code):\(id):transit-gateway-attachment/tgw-attach-0\(hex(16, &rng))"
        }
    }
}
