import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/**
 * One customer-managed key per stack for everything at rest: EKS secrets, Aurora, Performance
 * Insights, Redis, Secrets Manager, the buckets, node and Prometheus disks and the alarm topic.
 *
 * The key policy delegates to IAM (the account root statement), and IAM grants are scoped in
 * `kmsUseVia`: a role may use the key only through the service that needs it (kms:ViaService), never
 * directly. Service principals that cannot carry IAM policies get statements of their own, each
 * narrowed to this account and, where the service offers one, its encryption context:
 *  - CloudWatch alarms and RDS events publishing to the encrypted alarm topic (only that topic);
 *  - the EC2 Auto Scaling service-linked role, which launches the node groups' CMK-encrypted disks
 *    (without it the Cluster Autoscaler's scale-ups fail with Client.InternalError).
 */
export function createKey(name: string, region: string, alarmTopicName: string): aws.kms.Key {
  const identity = aws.getCallerIdentityOutput();
  const policy = identity.accountId.apply((accountId) => {
    const topicArn = `arn:aws:sns:${region}:${accountId}:${alarmTopicName}`;
    return JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' },
        {
          Sid: 'AlarmsAndRdsEventsPublishToTheAlarmTopic',
          Effect: 'Allow',
          Principal: { Service: ['cloudwatch.amazonaws.com', 'events.rds.amazonaws.com'] },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': accountId, 'kms:EncryptionContext:aws:sns:topicArn': topicArn } },
        },
        {
          Sid: 'AutoScalingLaunchesEncryptedNodeDisks',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          Resource: '*',
        },
        {
          Sid: 'AutoScalingGrantsForEncryptedNodeDisks',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling` },
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
        },
      ],
    });
  });
  const key = new aws.kms.Key(`${name}-key`, {
    description: `${name}: data at rest`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy,
  });
  new aws.kms.Alias(`${name}-key`, { name: pulumi.interpolate`alias/${name}`, targetKeyId: key.keyId });
  return key;
}

/** The AWS services a role may use the key through. */
export type KeyService = 's3' | 'secretsmanager' | 'sns' | 'ec2' | 'rds';

/**
 * An IAM statement letting a role use `key` for `actions`, but only through `services` in `region`
 * (kms:ViaService): a leaked role credential cannot decrypt with the key directly.
 */
export function kmsUseVia(key: aws.kms.Key, region: string, services: KeyService[], actions: string[]) {
  return {
    Effect: 'Allow',
    Action: actions,
    Resource: [key.arn],
    Condition: { StringEquals: { 'kms:ViaService': services.map((s) => `${s}.${region}.amazonaws.com`) } },
  };
}
