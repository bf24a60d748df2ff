import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

/**
 * One customer-managed key per stack for everything at rest: EKS secrets, Aurora, Performance
 * Insights, Redis, Secrets Manager, the uploads bucket and the alarm topic. CloudWatch may use it
 * to publish to the encrypted SNS topic.
 */
export function createKey(name: string): aws.kms.Key {
  const identity = aws.getCallerIdentityOutput();
  const policy = identity.accountId.apply((accountId) =>
    JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AccountAdministers',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        {
          Sid: 'CloudWatchAlarmsPublishToEncryptedTopic',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
        },
      ],
    }),
  );
  const key = new aws.kms.Key(`${name}-key`, {
    description: `${name}: data at rest`,
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy,
  });
  new aws.kms.Alias(`${name}-key`, { name: pulumi.interpolate`alias/${name}`, targetKeyId: key.keyId });
  return key;
}
