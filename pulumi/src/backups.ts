import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { kmsUseVia } from './kms';
import { denyInsecureTransport, privateBucket } from './storage';

/** Days in S3 Standard before Glacier Flexible Retrieval, and before Deep Archive. */
export const BACKUP_GLACIER_AFTER_DAYS = 30;
export const BACKUP_DEEP_ARCHIVE_AFTER_DAYS = 180;
/** The monthly export: the 1st, 03:00 in Tokyo (after the nightly automated backup). */
export const BACKUP_SCHEDULE = 'cron(0 3 1 * ? *)';

export interface BackupInputs {
  key: aws.kms.Key;
  region: string;
  /** Aurora's cluster ARN: exported as a whole (Parquet), no snapshot needed. */
  clusterArn: pulumi.Input<string>;
  retentionDays: number;
}

/**
 * The plan's backup bucket: Aurora keeps its own automated backups (point in time, up to
 * backupRetentionDays); this bucket keeps a monthly export of the whole database for the long term,
 * outside the cluster's lifecycle (a deleted cluster takes its automated backups with it).
 * Private, versioned, SSE-KMS; Glacier after 30 days, Deep Archive after 180, deleted after
 * `retentionDays`. EventBridge Scheduler starts the export itself (rds:StartExportTask, no Lambda).
 */
export function createBackups(name: string, inputs: BackupInputs): { bucket: aws.s3.Bucket; schedule: aws.scheduler.Schedule } {
  const { key, region } = inputs;
  const bucket = privateBucket(`${name}-backups`, {
    applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn },
    bucketKeyEnabled: true,
  });
  new aws.s3.BucketLifecycleConfiguration(`${name}-backups`, {
    bucket: bucket.id,
    rules: [
      {
        id: 'archive-then-expire',
        status: 'Enabled',
        filter: {},
        transitions: [
          { days: BACKUP_GLACIER_AFTER_DAYS, storageClass: 'GLACIER' },
          { days: BACKUP_DEEP_ARCHIVE_AFTER_DAYS, storageClass: 'DEEP_ARCHIVE' },
        ],
        expiration: { days: inputs.retentionDays },
        noncurrentVersionExpiration: { noncurrentDays: 30 },
      },
      { id: 'abort-incomplete-uploads', status: 'Enabled', filter: {}, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } },
    ],
  });
  new aws.s3.BucketPolicy(`${name}-backups`, {
    bucket: bucket.id,
    policy: pulumi.jsonStringify({ Version: '2012-10-17', Statement: [denyInsecureTransport(bucket)] }),
  });

  // The role RDS assumes to write the export: this bucket only, the key only through S3.
  const exportRole = new aws.iam.Role(`${name}-db-export`, {
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'export.rds.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  new aws.iam.RolePolicy(`${name}-db-export`, {
    role: exportRole.id,
    policy: pulumi.jsonStringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetBucketLocation'], Resource: [bucket.arn] },
        { Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'], Resource: [pulumi.interpolate`${bucket.arn}/*`] },
        kmsUseVia(key, region, ['s3'], ['kms:GenerateDataKey*', 'kms:Decrypt']),
      ],
    }),
  });

  // The role the schedule runs as: start this cluster's export, hand RDS the export role and the key.
  const schedulerRole = new aws.iam.Role(`${name}-db-export-scheduler`, {
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }),
  });
  new aws.iam.RolePolicy(`${name}-db-export-scheduler`, {
    role: schedulerRole.id,
    policy: pulumi.jsonStringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['rds:StartExportTask'], Resource: [inputs.clusterArn] },
        { Effect: 'Allow', Action: ['iam:PassRole'], Resource: [exportRole.arn], Condition: { StringEquals: { 'iam:PassedToService': 'rds.amazonaws.com' } } },
        kmsUseVia(key, region, ['rds'], ['kms:CreateGrant', 'kms:DescribeKey']),
      ],
    }),
  });
  const schedule = new aws.scheduler.Schedule(`${name}-db-export`, {
    description: `${name}: monthly export of Aurora to the backup bucket`,
    scheduleExpression: BACKUP_SCHEDULE,
    scheduleExpressionTimezone: 'Asia/Tokyo',
    flexibleTimeWindow: { mode: 'OFF' },
    target: {
      arn: 'arn:aws:scheduler:::aws-sdk:rds:startExportTask',
      roleArn: schedulerRole.arn,
      // One export per run; the identifier must be unique, so it carries the run's id.
      input: pulumi.jsonStringify({
        ExportTaskIdentifier: `${name}-<aws.scheduler.execution-id>`,
        SourceArn: inputs.clusterArn,
        S3BucketName: bucket.bucket,
        S3Prefix: 'aurora',
        IamRoleArn: exportRole.arn,
        KmsKeyId: key.arn,
      }),
      retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
    },
  });
  return { bucket, schedule };
}
