// Near-duplicate groups in test/fixtures/bank-v1 (the bank before the v2 rewrite), from reading every question:
// each group asks one fact more than once. The review's near-duplicate check is measured against this list.

export interface DuplicateGroup {
  ids: string[];
  /** the fact asked more than once */
  fact: string;
}

export const BANK_V1_NEAR_DUPLICATES: DuplicateGroup[] = [
  { ids: ["saa-p2-rds-backup-retention-max", "saa-p1-rds-backup-max-retention"], fact: "RDS automated backup retention is at most 35 days" },
  { ids: ["saa-p2-kms-4kb-per-call", "dva-kms-encrypt-max-size"], fact: "KMS encrypts at most 4 KB directly" },
  { ids: ["dev-cognito-identity-pool", "saa-p2-cognito-identity-pools", "dva-cognito-identity-pool-s3"], fact: "identity pools exchange a login for temporary AWS credentials" },
  { ids: ["sls-cloudtrail-caller-identity", "saa-p2-cloudtrail-deleted-resource", "ovw-cloudtrail-who-changed"], fact: "CloudTrail records who made which API call" },
  { ids: ["dva-apigw-usage-plan", "ovw-apigw-api-key-quota"], fact: "per-client throttling and quota (usage plan vs API key: the keys contradict each other)" },
  { ids: ["saa-p2-apigw-lambda-authorizer", "dva-apigw-custom-authorizer"], fact: "a Lambda authorizer (formerly custom authorizer) validates a third-party token" },
  { ids: ["saa-p2-rds-read-replica-encryption", "saa-p1-rds-unencrypted-master-replica"], fact: "a replica of an unencrypted RDS instance is unencrypted" },
  { ids: ["saa-p2-cognito-user-pools-jwt", "dva-cognito-user-pool-jwt"], fact: "user pools issue JWTs" },
  { ids: ["saa-p2-cloudtrail-data-events", "dva-cloudtrail-data-event"], fact: "S3 object-level calls are CloudTrail data events" },
  { ids: ["saa-p1-cloudfront-signed-cookies", "dva-cloudfront-signed-cookie"], fact: "signed cookies grant access to many files" },
  { ids: ["saa-p2-athena-query-s3", "saa-p1-athena-serverless-sql"], fact: "Athena queries S3 with SQL, serverless" },
  { ids: ["dva-lambda-alias-weight", "sls-lambda-alias-weighted-traffic"], fact: "a weighted alias splits traffic between Lambda versions" },
  { ids: ["ovw-lambda-pricing-basis", "saa-p2-lambda-pricing"], fact: "what Lambda bills for" },
  { ids: ["dva-ds-ad-connector", "saa-p2-ad-connector"], fact: "AD Connector proxies to an on-premises AD" },
  { ids: ["saa-p2-kinesis-firehose-scenario", "ovw-firehose-load-to-s3-redshift"], fact: "Firehose loads streams into S3 and Redshift without consumers" },
  { ids: ["dva-secrets-manager-rotation", "saa-p2-secrets-manager-rds"], fact: "Secrets Manager rotates RDS credentials" },
  { ids: ["ovw-sqs-retention-max", "saa-p2-sqs-message-retention"], fact: "SQS keeps messages at most 14 days" },
  { ids: ["saa-p2-sqs-long-polling-benefit", "ovw-sqs-long-polling"], fact: "long polling cuts empty receives and API calls" },
  { ids: ["dva-eb-worker-tier", "ovw-beanstalk-worker-sqs"], fact: "the Beanstalk worker tier reads jobs from SQS" },
  { ids: ["saa-p1-rds-multi-az-sync", "saa-p2-rds-multi-az-dr"], fact: "Multi-AZ replicates synchronously to a standby for failover" },
  { ids: ["saa-p2-ecs-task-role", "dva-ecs-task-role"], fact: "an ECS task role gives one task its permissions" },
  { ids: ["ovw-apigw-sigv4", "dva-api-sigv4-signing"], fact: "requests are signed with SigV4" },
  { ids: ["dva-apigw-aws-proxy", "sls-apigw-lambda-proxy-integration"], fact: "Lambda proxy integration passes the request as is" },
  { ids: ["sls-resource-based-policy", "saa-p2-resource-based-policy-cross-account"], fact: "a resource-based policy grants access on the resource" },
  { ids: ["saa-p2-sqs-dead-letter-queue", "ovw-sqs-redrive-policy"], fact: "failed messages move to a dead-letter queue (redrive policy)" },
];

/** The groups the issue names as examples. */
export const ISSUE_EXAMPLES: string[][] = [
  ["saa-p2-rds-backup-retention-max", "saa-p1-rds-backup-max-retention"],
  ["saa-p2-kms-4kb-per-call", "dva-kms-encrypt-max-size"],
  ["dev-cognito-identity-pool", "saa-p2-cognito-identity-pools", "dva-cognito-identity-pool-s3"],
  ["sls-cloudtrail-caller-identity", "saa-p2-cloudtrail-deleted-resource", "ovw-cloudtrail-who-changed"],
  ["dva-apigw-usage-plan", "ovw-apigw-api-key-quota"],
  ["saa-p2-apigw-lambda-authorizer", "dva-apigw-custom-authorizer"],
];
