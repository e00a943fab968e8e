/// The thirty services of the sample bill and their usage types, with prices close to AWS's
/// us-east-1 list prices (close enough to look real; not a price list).
enum ServiceCatalog {
    /// The product code of Compute Savings Plans fee line items.
    static let savingsPlansCode = "ComputeSavingsPlans"

    /// Every service, in a fixed order (indices are used throughout the plan).
    static let all: [Service] = compute + storage + databases + networking + analytics + operations

    /// The index of the service with product code `code`.
    static func index(_ code: String) -> Int {
        all.firstIndex { $0.code == code }!
    }

    /// The index of the template named `name` within service `service`.
    static func template(_ service: Int, _ name: String) -> Int {
        all[service].templates.firstIndex { $0.name == name }!
    }

    private static let compute: [Service] = [
        Service(code: "AmazonEC2", name: "Amazon Elastic Compute Cloud", category: "Compute", accounts: [], templates: [
            UsageTemplate("BoxUsage:m5.xlarge", "RunInstances", "Hrs", 0.192, "{price} per On Demand Linux m5.xlarge Instance Hour", .instance, .instance, cost: 0.192, density: 3, savingsPlan: 0.28),
            UsageTemplate("BoxUsage:m5.4xlarge", "RunInstances", "Hrs", 0.768, "{price} per On Demand Linux m5.4xlarge Instance Hour", .instance, .instance, cost: 0.768, density: 2, savingsPlan: 0.28),
            UsageTemplate("BoxUsage:c6i.2xlarge", "RunInstances", "Hrs", 0.34, "{price} per On Demand Linux c6i.2xlarge Instance Hour", .instance, .instance, cost: 0.34, density: 2, savingsPlan: 0.28),
            UsageTemplate("BoxUsage:c6i.8xlarge", "RunInstances", "Hrs", 1.36, "{price} per On Demand Linux c6i.8xlarge Instance Hour", .instance, .instance, cost: 1.36, density: 1, savingsPlan: 0.28),
            UsageTemplate("BoxUsage:r5.2xlarge", "RunInstances", "Hrs", 0.504, "{price} per On Demand Linux r5.2xlarge Instance Hour", .instance, .instance, cost: 0.504, density: 1.5, savingsPlan: 0.28),
            UsageTemplate("BoxUsage:t3.medium", "RunInstances", "Hrs", 0.0416, "{price} per On Demand Linux t3.medium Instance Hour", .instance, .instance, cost: 0.0416, density: 3, savingsPlan: 0.28),
            UsageTemplate("BoxUsage:m6g.large", "RunInstances", "Hrs", 0.077, "{price} per On Demand Linux m6g.large Instance Hour", .instance, .instance, cost: 0.077, density: 2, savingsPlan: 0.28),
            UsageTemplate("BoxUsage:g5.xlarge", "RunInstances", "Hrs", 1.006, "{price} per On Demand Linux g5.xlarge Instance Hour", .instance, .instance, cost: 1.006, density: 0.5, savingsPlan: 0.28),
            UsageTemplate("BoxUsage:m5.large", "RunInstances:0002", "Hrs", 0.188, "{price} per On Demand Windows m5.large Instance Hour", .instance, .instance, cost: 0.188, density: 1, savingsPlan: 0.2),
            UsageTemplate("SpotUsage:c5.4xlarge", "RunInstances:SV001", "Hrs", 0.2604, "{price} per Linux/UNIX (Amazon VPC), c5.4xlarge Spot Instance-hour", .instance, .instance, cost: 0.26, density: 1.5, spot: true),
            UsageTemplate("EBS:VolumeUsage.gp3", "CreateVolume-Gp3", "GB-Mo", 0.08, "{price} per GB-month of General Purpose (gp3) provisioned storage", .storage, .volume, cost: 0.05, density: 3),
            UsageTemplate("EBS:VolumeUsage.gp2", "CreateVolume-Gp2", "GB-Mo", 0.10, "{price} per GB-month of General Purpose SSD (gp2) provisioned storage", .storage, .volume, cost: 0.04, density: 2),
            UsageTemplate("EBS:VolumeP-IOPS.piops", "CreateVolume-P-IOPS", "IOPS-Mo", 0.065, "{price} per IOPS-month provisioned", .storage, .volume, cost: 0.3, density: 0.5),
            UsageTemplate("EBS:SnapshotUsage", "CreateSnapshot", "GB-Mo", 0.05, "{price} per GB-Month of snapshot data stored", .storage, .snapshot, cost: 0.08, density: 2),
            UsageTemplate("NatGateway-Hours", "NatGateway", "Hrs", 0.045, "{price} per NAT Gateway Hour", .instance, .natGateway, cost: 0.045, density: 2),
            UsageTemplate("NatGateway-Bytes", "NatGateway", "GB", 0.045, "{price} per GB Data Processed by NAT Gateways", .traffic, .natGateway, cost: 0.6, density: 2),
            UsageTemplate("DataTransfer-Regional-Bytes", "InterZone-In", "GB", 0.01, "{price} per GB - regional data transfer - in/out/between EC2 AZs or using elastic IPs or ELB", .traffic, .instance, cost: 0.2, density: 2),
            UsageTemplate("ElasticIP:IdleAddress", "AssociateAddressVPC", "Hrs", 0.005, "{price} per Elastic IP address not attached to a running instance per hour (prorated)", .instance, .none, cost: 0.005, density: 0.5),
            UsageTemplate("LoadBalancerUsage", "LoadBalancing:Application", "Hrs", 0.0225, "{price} per Application LoadBalancer-hour (or partial hour)", .instance, .loadBalancer, cost: 0.0225, density: 1.5),
        ]),
        Service(code: "AWSLambda", name: "AWS Lambda", category: "Compute", accounts: [], templates: [
            UsageTemplate("Lambda-GB-Second", "Invoke", "Lambda-GB-Second", 0.0000166667, "AWS Lambda - Total Compute - {region} - {price} per GB-second", .traffic, .function, cost: 0.3, density: 2, savingsPlan: 0.12),
            UsageTemplate("Lambda-GB-Second-ARM", "Invoke", "Lambda-GB-Second", 0.0000133334, "AWS Lambda - Total Compute (ARM) - {price} per GB-second", .traffic, .function, cost: 0.15, density: 1, savingsPlan: 0.12),
            UsageTemplate("Request", "Invoke", "Requests", 0.0000002, "AWS Lambda - Total Requests - {price} per request", .requests, .function, cost: 0.05, density: 2),
        ]),
        Service(code: "AmazonECS", name: "Amazon Elastic Container Service", category: "Compute", accounts: [], templates: [
            UsageTemplate("Fargate-vCPU-Hours:perCPU", "FargateTask", "hours", 0.04048, "AWS Fargate - vCPU - {region}", .traffic, .service, cost: 0.32, density: 2, savingsPlan: 0.2),
            UsageTemplate("Fargate-GB-Hours", "FargateTask", "hours", 0.004445, "AWS Fargate - Memory - {region}", .traffic, .service, cost: 0.07, density: 2, savingsPlan: 0.2),
            UsageTemplate("Fargate-EphemeralStorage-GB-Hours", "FargateTask", "GB-Hours", 0.000111, "{price} per storage GB-hour for Fargate Linux tasks", .traffic, .service, cost: 0.004, density: 1),
        ]),
        Service(code: "AmazonEKS", name: "Amazon Elastic Kubernetes Service", category: "Compute", accounts: [], templates: [
            UsageTemplate("AmazonEKS-Hours:perCluster", "CreateOperation", "Hrs", 0.10, "Amazon EKS cluster usage in {region}", .instance, .cluster, cost: 0.10, density: 2),
            UsageTemplate("Fargate-vCPU-Hours:perCPU", "FargatePod", "hours", 0.04048, "AWS Fargate - vCPU - {region}", .traffic, .cluster, cost: 0.4, density: 1, savingsPlan: 0.2),
            UsageTemplate("AmazonEKS-Hours:extendedSupport", "ExtendedSupport", "Hrs", 0.50, "Amazon EKS cluster extended support usage", .instance, .cluster, cost: 0.5, density: 0.3),
        ]),
        Service(code: "AmazonECR", name: "Amazon EC2 Container Registry (ECR)", category: "Compute", accounts: [], templates: [
            UsageTemplate("TimedStorage-ByteHrs", "", "GB-Mo", 0.10, "{price} per GB-month of data storage", .storage, .repository, cost: 0.02, density: 1),
            UsageTemplate("DataTransfer-Out-Bytes", "", "GB", 0.09, "{price} per GB - first 10 TB / month data transfer out beyond the global free tier", .traffic, .repository, cost: 0.05, density: 0.5),
        ]),
    ]

    private static let storage: [Service] = [
        Service(code: "AmazonS3", name: "Amazon Simple Storage Service", category: "Storage", accounts: [], templates: [
            UsageTemplate("TimedStorage-ByteHrs", "StandardStorage", "GB-Mo", 0.023, "{price} per GB - first 50 TB / month of storage used", .storage, .bucket, cost: 0.4, density: 3),
            UsageTemplate("TimedStorage-INT-FA-ByteHrs", "IntelligentTieringFAStorage", "GB-Mo", 0.023, "{price} per GB - first 50 TB / month of storage used - Frequent Access Tier", .storage, .bucket, cost: 0.2, density: 1),
            UsageTemplate("TimedStorage-SIA-ByteHrs", "StandardIAStorage", "GB-Mo", 0.0125, "{price} per GB-Month of storage used in Standard-Infrequent Access", .storage, .bucket, cost: 0.15, density: 1),
            UsageTemplate("TimedStorage-GDA-ByteHrs", "DeepArchiveStorage", "GB-Mo", 0.00099, "{price} per GB-Month of storage used in Glacier Deep Archive", .storage, .bucket, cost: 0.05, density: 0.7),
            UsageTemplate("Requests-Tier1", "PutObject", "Requests", 0.000005, "{price} per 1,000 PUT, COPY, POST, or LIST requests", .requests, .bucket, cost: 0.08, density: 3),
            UsageTemplate("Requests-Tier2", "GetObject", "Requests", 0.0000004, "{price} per 10,000 GET and all other requests", .requests, .bucket, cost: 0.04, density: 3),
            UsageTemplate("Retrieval-SIA", "GetObject", "GB", 0.01, "{price} per GB - retrieval fee for Standard-IA", .traffic, .bucket, cost: 0.02, density: 0.5),
            UsageTemplate("DataTransfer-Out-Bytes", "GetObject", "GB", 0.09, "{price} per GB - first 10 TB / month data transfer out beyond the global free tier", .traffic, .bucket, cost: 0.5, density: 1),
        ]),
        Service(code: "AmazonEFS", name: "Amazon Elastic File System", category: "Storage", accounts: [], templates: [
            UsageTemplate("TimedStorage-ByteHrs", "", "GB-Mo", 0.30, "{price} per GB-Mo for Standard storage", .storage, .fileSystem, cost: 0.15, density: 1),
            UsageTemplate("IATimedStorage-ByteHrs", "", "GB-Mo", 0.025, "{price} per GB-Mo for Infrequent Access storage", .storage, .fileSystem, cost: 0.03, density: 0.7),
            UsageTemplate("ReadDataAccess-Bytes", "", "GB", 0.03, "{price} per GB of data read (Elastic Throughput)", .traffic, .fileSystem, cost: 0.05, density: 0.5),
        ]),
        Service(code: "AmazonFSx", name: "Amazon FSx", category: "Storage", accounts: ["shared-services", "prod-data", "analytics"], templates: [
            UsageTemplate("WindowsSSDStorage:MultiAZ", "", "GB-Mo", 0.23, "{price} per GB-month of SSD storage capacity for Windows File Server Multi-AZ", .storage, .fsx, cost: 0.3, density: 0.7),
            UsageTemplate("ThroughputCapacity:MultiAZ", "", "MiBps-Mo", 4.5, "{price} per MBps-month of throughput capacity for Windows File Server Multi-AZ", .storage, .fsx, cost: 0.2, density: 0.7),
            UsageTemplate("LustreStorage:PERSISTENT_SSD_125", "", "GB-Mo", 0.145, "{price} per GB-month of Lustre persistent SSD storage (125 MB/s/TiB)", .storage, .fsx, cost: 0.4, density: 0.5),
        ]),
        Service(code: "AWSBackup", name: "AWS Backup", category: "Storage", accounts: [], templates: [
            UsageTemplate("WarmStorage-ByteHrs-EBS", "Storage", "GB-Mo", 0.05, "{price} per GB-Month of backup storage for EBS snapshots", .storage, .backupVault, cost: 0.06, density: 1),
            UsageTemplate("WarmStorage-ByteHrs-EFS", "Storage", "GB-Mo", 0.05, "{price} per GB-Month of warm backup storage for EFS", .storage, .backupVault, cost: 0.03, density: 0.6),
            UsageTemplate("Restore-ByteHrs-EFS", "Restore", "GB", 0.02, "{price} per GB of EFS data restored", .traffic, .backupVault, cost: 0.1, density: 0.2),
        ]),
    ]

    private static let databases: [Service] = [
        Service(code: "AmazonRDS", name: "Amazon Relational Database Service", category: "Databases", accounts: [], templates: [
            UsageTemplate("InstanceUsage:db.r6g.xlarge", "CreateDBInstance:0014", "Hrs", 0.519, "{price} per RDS db.r6g.xlarge Single-AZ instance hour (or partial hour) running PostgreSQL", .instance, .database, cost: 0.519, density: 1.5),
            UsageTemplate("Multi-AZUsage:db.m6g.large", "CreateDBInstance:0014", "Hrs", 0.304, "{price} per RDS db.m6g.large Multi-AZ instance hour (or partial hour) running PostgreSQL", .instance, .database, cost: 0.304, density: 1.5),
            UsageTemplate("InstanceUsage:db.t4g.medium", "CreateDBInstance:0002", "Hrs", 0.065, "{price} per RDS db.t4g.medium instance hour (or partial hour) running MySQL", .instance, .database, cost: 0.065, density: 2),
            UsageTemplate("Aurora:ServerlessV2Usage", "CreateDBInstance:0021", "ACU-Hr", 0.12, "{price} per Aurora Capacity Unit hour running Aurora PostgreSQL Serverless v2", .traffic, .database, cost: 0.5, density: 1),
            UsageTemplate("RDS:GP3-Storage", "CreateDBInstance:0014", "GB-Mo", 0.115, "{price} per GB-month of provisioned GP3 storage running PostgreSQL", .storage, .database, cost: 0.1, density: 2),
            UsageTemplate("RDS:ChargedBackupUsage", "CreateDBInstance:0014", "GB-Mo", 0.095, "{price} per additional GB-month of backup storage exceeding free allocation", .storage, .database, cost: 0.04, density: 1.5),
            UsageTemplate("Aurora:StorageIOUsage", "CreateDBInstance:0016", "IOs", 0.0000002, "{price} per 1 million I/O requests for Aurora PostgreSQL", .requests, .database, cost: 0.05, density: 1),
        ]),
        Service(code: "AmazonDynamoDB", name: "Amazon DynamoDB", category: "Databases", accounts: [], templates: [
            UsageTemplate("ReadRequestUnits", "PayPerRequestThroughput", "ReadRequestUnits", 0.00000025, "{price} per ReadRequestUnits for PAY_PER_REQUEST operations", .requests, .table, cost: 0.12, density: 2),
            UsageTemplate("WriteRequestUnits", "PayPerRequestThroughput", "WriteRequestUnits", 0.00000125, "{price} per WriteRequestUnits for PAY_PER_REQUEST operations", .requests, .table, cost: 0.15, density: 2),
            UsageTemplate("TimedStorage-ByteHrs", "StandardStorage", "GB-Mo", 0.25, "{price} per GB-Month of storage used beyond first 25 free GB-Months", .storage, .table, cost: 0.06, density: 1.5),
            UsageTemplate("ReadCapacityUnit-Hrs", "CommittedThroughput", "ReadCapacityUnit-Hrs", 0.00013, "{price} per hour for units of read capacity beyond the free tier", .storage, .table, cost: 0.13, density: 1),
            UsageTemplate("WriteCapacityUnit-Hrs", "CommittedThroughput", "WriteCapacityUnit-Hrs", 0.00065, "{price} per hour for units of write capacity beyond the free tier", .storage, .table, cost: 0.2, density: 1),
        ]),
        Service(code: "AmazonElastiCache", name: "Amazon ElastiCache", category: "Databases", accounts: [], templates: [
            UsageTemplate("NodeUsage:cache.r6g.large", "CreateCacheCluster:0002", "Hrs", 0.206, "{price} per Redis cache.r6g.large node-hour (or partial hour)", .instance, .cacheCluster, cost: 0.206, density: 1.5),
            UsageTemplate("NodeUsage:cache.t4g.small", "CreateCacheCluster:0002", "Hrs", 0.032, "{price} per Redis cache.t4g.small node-hour (or partial hour)", .instance, .cacheCluster, cost: 0.032, density: 2),
            UsageTemplate("NodeUsage:cache.m6g.large", "CreateCacheCluster:0001", "Hrs", 0.149, "{price} per Memcached cache.m6g.large node-hour (or partial hour)", .instance, .cacheCluster, cost: 0.149, density: 1),
            UsageTemplate("ElastiCache:BackupUsage", "CreateSnapshot", "GB-Mo", 0.085, "{price} per GB-month of backup storage", .storage, .cacheCluster, cost: 0.01, density: 0.5),
        ]),
        Service(code: "AmazonRedshift", name: "Amazon Redshift", category: "Analytics", accounts: ["analytics", "data-lake", "prod-data"], templates: [
            UsageTemplate("Node:ra3.xlplus", "RunComputeNode:0001", "Hrs", 1.086, "{price} per RA3 XLPlus Node-hour (or partial hour)", .instance, .warehouse, cost: 1.086, density: 1),
            UsageTemplate("RMS:ra3", "RMS:ra3", "GB-Mo", 0.024, "{price} per GB-month for Redshift Managed Storage", .storage, .warehouse, cost: 0.2, density: 1),
            UsageTemplate("ServerlessUsage", "RunServerless", "RPU-Hr", 0.375, "{price} per RPU-hour for Redshift Serverless", .traffic, .warehouse, cost: 2.0, density: 0.6),
        ]),
    ]

    private static let networking: [Service] = [
        Service(code: "AWSDataTransfer", name: "AWS Data Transfer", category: "Networking", accounts: [], templates: [
            UsageTemplate("DataTransfer-Out-Bytes", "", "GB", 0.09, "{price} per GB - first 10 TB / month data transfer out beyond the global free tier", .traffic, .none, cost: 1.2, density: 3),
            UsageTemplate("DataTransfer-Regional-Bytes", "", "GB", 0.01, "{price} per GB - regional data transfer - in/out/between EC2 AZs or using elastic IPs or ELB", .traffic, .none, cost: 0.3, density: 2),
            UsageTemplate("{peer}-AWS-Out-Bytes", "", "GB", 0.02, "{price} per GB - data transfer to another AWS Region", .traffic, .none, cost: 0.4, density: 2),
            UsageTemplate("DataTransfer-In-Bytes", "", "GB", 0, "{price} per GB - data transfer in per month", .traffic, .none, cost: 0, density: 1),
        ]),
        Service(code: "AmazonCloudFront", name: "Amazon CloudFront", category: "Networking", accounts: ["prod-web", "mobile-backend", "prod-api", "staging"], templates: [
            UsageTemplate("DataTransfer-Out-Bytes", "GET", "GB", 0.085, "{price} per GB - first 10 TB / month data transfer out", .traffic, .distribution, cost: 1.5, density: 3, scope: .edge),
            UsageTemplate("Requests-Tier1", "GET", "Requests", 0.0000010, "{price} per 10,000 HTTP Requests", .requests, .distribution, cost: 0.2, density: 2, scope: .edge),
            UsageTemplate("Requests-Tier2-HTTPS", "GET", "Requests", 0.0000012, "{price} per 10,000 HTTPS Requests", .requests, .distribution, cost: 0.3, density: 2, scope: .edge),
            UsageTemplate("DataTransfer-Out-OBytes", "GET", "GB", 0.02, "{price} per GB - data transfer to origin", .traffic, .distribution, cost: 0.1, density: 1, scope: .edge),
        ]),
        Service(code: "AmazonVPC", name: "Amazon Virtual Private Cloud", category: "Networking", accounts: [], templates: [
            UsageTemplate("VpcEndpoint-Hours", "VpcEndpoint", "Hrs", 0.01, "{price} per VPC Endpoint Hour", .instance, .vpcEndpoint, cost: 0.01, density: 2),
            UsageTemplate("VpcEndpoint-Bytes", "VpcEndpoint", "GB", 0.01, "{price} per GB Data Processed by VPC Endpoints", .traffic, .vpcEndpoint, cost: 0.05, density: 1.5),
            UsageTemplate("PublicIPv4:InUseAddress", "AssociateAddressVPC", "Hrs", 0.005, "{price} per In-use public IPv4 address per hour", .instance, .none, cost: 0.005, density: 2),
            UsageTemplate("TransitGateway-Hours", "TransitGatewayVPC", "Hrs", 0.05, "{price} per TransitGateway Attachment-Hour", .instance, .transitGateway, cost: 0.05, density: 1),
            UsageTemplate("TransitGateway-Bytes", "TransitGatewayVPC", "GB", 0.02, "{price} per GB Data Processed by TransitGateway", .traffic, .transitGateway, cost: 0.2, density: 1),
            UsageTemplate("VPN-Usage-Hours:ipsec.1", "CreateVpnConnection", "Hrs", 0.05, "{price} per VPN Connection-Hour", .instance, .none, cost: 0.05, density: 0.5),
        ]),
        Service(code: "AmazonRoute53", name: "Amazon Route 53", category: "Networking", accounts: [], templates: [
            UsageTemplate("HostedZone", "", "HostedZone", 0.50, "{price} per Hosted Zone for the first 25 Hosted Zones", .storage, .hostedZone, cost: 0.0007, density: 1, scope: .global),
            UsageTemplate("DNS-Queries", "", "Queries", 0.0000004, "{price} per 1,000,000 queries for the first 1 Billion queries", .requests, .hostedZone, cost: 0.02, density: 2, scope: .global),
            UsageTemplate("Health-Check-AWS", "", "Count", 0.50, "{price} per Health Check for AWS endpoints", .storage, .none, cost: 0.0007, density: 0.5, scope: .global),
        ]),
    ]

    private static let analytics: [Service] = [
        Service(code: "AmazonSageMaker", name: "Amazon SageMaker", category: "AI and Machine Learning", accounts: ["ml-research", "analytics"], templates: [
            UsageTemplate("Host:ml.g5.xlarge", "RunInstance", "Hrs", 1.408, "{price} per Hosted Endpoint ml.g5.xlarge hour in {region}", .instance, .endpoint, cost: 1.408, density: 1),
            UsageTemplate("Train:ml.g5.2xlarge", "CreateTrainingJob", "Hrs", 1.515, "{price} per Training ml.g5.2xlarge hour in {region}", .traffic, .endpoint, cost: 1.5, density: 0.6),
            UsageTemplate("Notebk:ml.t3.medium", "RunInstance", "Hrs", 0.05, "{price} per Notebook ml.t3.medium hour in {region}", .instance, .endpoint, cost: 0.05, density: 1),
            UsageTemplate("Host:ml.m5.large", "RunInstance", "Hrs", 0.115, "{price} per Hosted Endpoint ml.m5.large hour in {region}", .instance, .endpoint, cost: 0.115, density: 1),
        ]),
        Service(code: "AmazonKinesis", name: "Amazon Kinesis", category: "Analytics", accounts: [], templates: [
            UsageTemplate("Storage-ShardHour", "shardHourStorage", "ShardHour", 0.015, "{price} per shard hour", .storage, .stream, cost: 0.12, density: 1.5),
            UsageTemplate("PutRequestPayloadUnits", "PutRecord", "PutRequestPayloadUnits", 0.000000014, "{price} per 1,000,000 PUT Payload Units", .requests, .stream, cost: 0.03, density: 1.5),
            UsageTemplate("ON_DEMAND-StreamHour", "OnDemandStreamHr", "StreamHour", 0.04, "{price} per stream hour in On-Demand mode", .instance, .stream, cost: 0.04, density: 1),
        ]),
        Service(code: "AWSGlue", name: "AWS Glue", category: "Analytics", accounts: ["analytics", "data-lake", "prod-data"], templates: [
            UsageTemplate("ETL-DPU-Hour", "Jobrun", "DPU-Hour", 0.44, "{price} per DPU-Hour for each Apache Spark or Spark Streaming job, billed per second", .traffic, .glueJob, cost: 3.0, density: 1),
            UsageTemplate("Crawler-DPU-Hour", "CrawlerRun", "DPU-Hour", 0.44, "{price} per DPU-Hour for crawlers, billed per second with a 10-minute minimum", .traffic, .glueJob, cost: 0.5, density: 0.6),
            UsageTemplate("Catalog-Request", "CatalogRequest", "Request", 0.000001, "{price} per 1,000,000 requests to the Data Catalog", .requests, .none, cost: 0.01, density: 0.6),
        ]),
        Service(code: "AmazonAthena", name: "Amazon Athena", category: "Analytics", accounts: ["analytics", "data-lake", "security"], templates: [
            UsageTemplate("DataScannedInTB", "RunQuery", "Terabytes", 5.0, "{price} per TB for Standard in {region}", .traffic, .workgroup, cost: 2.0, density: 1.5),
        ]),
        Service(code: "AmazonOpenSearchService", name: "Amazon OpenSearch Service", category: "Analytics", accounts: ["prod-api", "security", "shared-services"], templates: [
            UsageTemplate("ESInstance:r6g.large.search", "ESDomain", "Hrs", 0.167, "{price} per r6g.large.search instance hour (or partial hour)", .instance, .domain, cost: 0.167, density: 1.5),
            UsageTemplate("ES:GP3-Storage", "ESDomain", "GB-Mo", 0.122, "{price} per GB-month of GP3 storage", .storage, .domain, cost: 0.05, density: 1),
        ]),
    ]

    private static let operations: [Service] = [
        Service(code: "AmazonCloudWatch", name: "AmazonCloudWatch", category: "Management and Governance", accounts: [], templates: [
            UsageTemplate("CW:MetricMonitorUsage", "MetricStorage", "Metrics", 0.30, "{price} per metric-month for the first 10,000 metrics", .storage, .none, cost: 0.15, density: 2),
            UsageTemplate("DataProcessing-Bytes", "PutLogEvents", "GB", 0.50, "{price} per GB custom log data ingested", .traffic, .none, cost: 0.6, density: 3),
            UsageTemplate("TimedStorage-ByteHrs", "HourlyStorageMetering", "GB-Mo", 0.03, "{price} per GB-mo of log storage", .storage, .none, cost: 0.05, density: 2),
            UsageTemplate("CW:Requests", "GetMetricData", "Requests", 0.00001, "{price} per 1,000 metrics requested using GetMetricData API", .requests, .none, cost: 0.02, density: 1),
            UsageTemplate("CW:AlarmMonitorUsage", "Unknown", "Alarms", 0.10, "{price} per alarm metric month - standard resolution", .storage, .none, cost: 0.01, density: 1),
        ]),
        Service(code: "AmazonSQS", name: "Amazon Simple Queue Service", category: "Integration", accounts: [], templates: [
            UsageTemplate("Requests-RBP", "", "Requests", 0.0000004, "{price} per 1,000,000 Amazon SQS Requests per month thereafter", .requests, .queue, cost: 0.02, density: 2),
            UsageTemplate("Requests-FIFO-RBP", "", "Requests", 0.0000005, "{price} per 1,000,000 Amazon SQS FIFO Requests per month thereafter", .requests, .queue, cost: 0.01, density: 1),
        ]),
        Service(code: "AmazonSNS", name: "Amazon Simple Notification Service", category: "Integration", accounts: [], templates: [
            UsageTemplate("Requests-Tier1", "", "Requests", 0.0000005, "{price} per 1,000,000 Amazon SNS API Requests", .requests, .topic, cost: 0.01, density: 1.5),
            UsageTemplate("DeliveryAttempts-HTTP", "", "Notifications", 0.0000006, "{price} per 1,000,000 notifications to HTTP/S endpoints", .requests, .topic, cost: 0.01, density: 1),
            UsageTemplate("DeliveryAttempts-SMS", "", "Notifications", 0.00645, "{price} per SMS message sent, US destinations", .requests, .topic, cost: 0.05, density: 0.4),
        ]),
        Service(code: "AmazonMQ", name: "Amazon MQ", category: "Integration", accounts: ["prod-api", "prod-web", "staging"], templates: [
            UsageTemplate("Broker:mq.m5.large", "CreateBroker:0001", "Hrs", 0.288, "{price} per mq.m5.large broker hour (or partial hour), single-instance, ActiveMQ", .instance, .broker, cost: 0.288, density: 1),
            UsageTemplate("TimedStorage-ByteHrs", "CreateBroker:0001", "GB-Mo", 0.10, "{price} per GB-Month of storage, ActiveMQ (EFS)", .storage, .broker, cost: 0.005, density: 0.6),
        ]),
        Service(code: "AWSCloudTrail", name: "AWS CloudTrail", category: "Management and Governance", accounts: [], templates: [
            UsageTemplate("PaidEventsRecorded", "None", "Events", 0.00002, "{price} per 100,000 management events delivered (additional trails)", .requests, .trail, cost: 0.03, density: 2),
            UsageTemplate("DataEventsRecorded", "None", "Events", 0.000001, "{price} per 1,000,000 data events delivered", .requests, .trail, cost: 0.05, density: 1),
        ]),
        Service(code: "AWSKMS", name: "AWS Key Management Service", category: "Security", accounts: [], templates: [
            UsageTemplate("KMS-Keys", "CreateKey", "Keys", 1.0, "{price} per customer managed key per month", .storage, .key, cost: 0.0014, density: 2),
            UsageTemplate("KMS-Requests", "Decrypt", "Requests", 0.000003, "{price} per 10,000 requests, except for RSA and ECC, and GenerateDataKeyPair requests", .requests, .key, cost: 0.02, density: 2),
        ]),
        Service(code: "AWSSecretsManager", name: "AWS Secrets Manager", category: "Security", accounts: [], templates: [
            UsageTemplate("AWSSecretsManager-Secrets", "", "Secrets", 0.40, "{price} per secret per month", .storage, .secret, cost: 0.00055, density: 2),
            UsageTemplate("AWSSecretsManager-APIRequest", "GetSecretValue", "API Requests", 0.000005, "{price} per 10,000 API requests", .requests, .secret, cost: 0.004, density: 1.5),
        ]),
        Service(code: "AmazonGuardDuty", name: "Amazon GuardDuty", category: "Security", accounts: [], templates: [
            UsageTemplate("PaidEventsAnalyzed", "", "Events", 0.000004, "{price} per 1,000,000 CloudTrail management events analyzed", .requests, .detector, cost: 0.05, density: 1.5),
            UsageTemplate("PaidLogsAnalyzed", "", "GB", 1.0, "{price} per GB of VPC Flow Logs and DNS Logs analyzed for the first 500 GB / month", .traffic, .detector, cost: 0.1, density: 1.5),
            UsageTemplate("PaidS3DataEventsAnalyzed", "", "Events", 0.0000008, "{price} per 1,000,000 S3 data events analyzed", .requests, .detector, cost: 0.03, density: 1),
        ]),
    ]
}
