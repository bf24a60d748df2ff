/**
 * The hand-written demo companies: what a new developer sees after `npm run db:seed`. Slugs are
 * stable (they are the login's tenant field and appear in docs and load tests), so renaming one
 * is a breaking change for anyone's bookmarks.
 */
import type { ProjectStatus, Role } from '../generated/prisma/enums.js';

export const DEMO_PASSWORD = 'dandori-demo-2026';

export interface DemoPerson {
  /** Local part of the e-mail: `<localPart>@<slug>.example`. */
  localPart: string;
  displayName: string;
  role: Role;
  /** Index into the company's departments. */
  department: number;
}

export interface DemoProject {
  code: string;
  name: string;
  description: string;
  status: ProjectStatus;
}

export interface DemoCompany {
  slug: string;
  name: string;
  plan: string;
  departments: { code: string; name: string }[];
  people: DemoPerson[];
  projects: DemoProject[];
  taskTitles: string[];
  attachmentNames: string[];
}

/** The four logins every demo company has, one per role; the rest of `people` are extra members. */
function rolePeople(names: [string, string, string, string]): DemoPerson[] {
  return [
    { localPart: 'owner', displayName: names[0], role: 'OWNER', department: 0 },
    { localPart: 'admin', displayName: names[1], role: 'ADMIN', department: 0 },
    { localPart: 'member', displayName: names[2], role: 'MEMBER', department: 1 },
    { localPart: 'viewer', displayName: names[3], role: 'VIEWER', department: 3 },
  ];
}

function extraMembers(names: string[]): DemoPerson[] {
  return names.map((displayName, i) => ({ localPart: `member${i + 2}`, displayName, role: 'MEMBER', department: (i + 1) % 3 }));
}

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  {
    slug: 'sakura-kensetsu',
    name: '桜建設株式会社',
    plan: 'enterprise',
    departments: [
      { code: 'KOJI', name: '工事部' },
      { code: 'SEKKEI', name: '設計部' },
      { code: 'EIGYO', name: '営業部' },
      { code: 'SOMU', name: '総務部' },
    ],
    people: [
      ...rolePeople(['桜井 大輔', '山田 花子', '佐藤 健太', '高橋 美咲']),
      ...extraMembers(['鈴木 一郎', '田中 直子', '伊藤 翔', '渡辺 真理', '中村 誠', '小林 由美']),
    ],
    projects: [
      { code: 'SK-001', name: '港北オフィスビル新築工事', description: '地上8階建てオフィスビルの新築。2027年3月竣工予定。', status: 'ACTIVE' },
      { code: 'SK-002', name: 'さくら保育園 改修工事', description: '園舎の耐震改修と内装の全面リニューアル。', status: 'PLANNED' },
      { code: 'SK-003', name: '多摩川橋梁 耐震補強', description: '発注者側の設計見直しにより一時中断中。', status: 'ON_HOLD' },
      { code: 'SK-004', name: '本社 BIM 導入', description: '設計部と工事部で BIM モデルを共有する運用の立ち上げ。', status: 'DONE' },
      { code: 'SK-005', name: '2025年度 安全大会', description: '協力会社を含む年次安全大会の企画と運営。', status: 'ARCHIVED' },
    ],
    taskTitles: ['施工図のチェック', '安全書類の提出', '資材の発注', '近隣への工事説明', '工程表の更新', '見積書の作成', '検査日程の調整', '現場写真の整理', '協力会社との定例', '産廃マニフェストの確認'],
    attachmentNames: ['site-photo.jpg', 'shop-drawing.pdf', 'schedule.xlsx', 'estimate.pdf'],
  },
  {
    slug: 'fuji-logistics',
    name: '富士ロジスティクス株式会社',
    plan: 'standard',
    departments: [
      { code: 'HAISO', name: '配送管理部' },
      { code: 'SOKO', name: '倉庫運営部' },
      { code: 'JOSYS', name: '情報システム部' },
      { code: 'EIGYO', name: '営業部' },
    ],
    people: [
      ...rolePeople(['富士 拓也', '石川 さやか', '松本 亮', '井上 千尋']),
      ...extraMembers(['木村 大樹', '林 美穂', '清水 悠斗', '山口 彩', '森 拓海']),
    ],
    projects: [
      { code: 'FL-001', name: '厚木物流センター WMS 刷新', description: '倉庫管理システムをクラウド版へ移行する。', status: 'ACTIVE' },
      { code: 'FL-002', name: '冷凍便 配送ルート最適化', description: '首都圏の冷凍便の走行距離を15%削減する。', status: 'ACTIVE' },
      { code: 'FL-003', name: '関西拠点 開設準備', description: '大阪・茨木の新拠点。用地交渉の結果待ち。', status: 'ON_HOLD' },
      { code: 'FL-004', name: 'ハンディ端末 入れ替え', description: '全拠点のハンディ端末を新機種へ。', status: 'DONE' },
      { code: 'FL-005', name: '2026年 繁忙期 増員計画', description: '年末繁忙期の派遣スタッフ受け入れ計画。', status: 'PLANNED' },
      { code: 'FL-006', name: '旧 EDI 廃止', description: '取引先との旧 EDI 接続の廃止対応。', status: 'ARCHIVED' },
    ],
    taskTitles: ['出荷データの突合', '棚卸し計画の作成', '配車表の更新', '取引先への切替案内', '端末のキッティング', '誤出荷の原因分析', 'KPI レポート作成', '安全運転講習の手配', '冷凍庫の温度ログ確認', '請求データの確認'],
    attachmentNames: ['route-map.pdf', 'inventory.csv', 'kpi-report.xlsx', 'handheld-manual.pdf'],
  },
  {
    slug: 'minato-design',
    name: '港デザイン株式会社',
    plan: 'starter',
    departments: [
      { code: 'DESIGN', name: 'デザイン部' },
      { code: 'DEV', name: '開発部' },
      { code: 'DIR', name: 'ディレクション部' },
      { code: 'KANRI', name: '管理部' },
    ],
    people: [
      ...rolePeople(['港 亜希子', '岡田 蓮', '長谷川 葵', '村上 陽介']),
      ...extraMembers(['近藤 結衣', '坂本 大和', '遠藤 舞', '青木 海斗']),
    ],
    projects: [
      { code: 'MD-001', name: '老舗和菓子店 EC サイト リニューアル', description: 'スマートフォン向けの購入導線を全面的に見直す。', status: 'ACTIVE' },
      { code: 'MD-002', name: '自治体 防災アプリ UI 改善', description: 'アクセシビリティ監査の指摘事項への対応。', status: 'PLANNED' },
      { code: 'MD-003', name: 'コーポレートサイト 多言語化', description: '英語・中国語版の追加。翻訳会社の選定待ち。', status: 'ON_HOLD' },
      { code: 'MD-004', name: 'ブランドガイドライン 2025', description: 'ロゴ・配色・トーンの社内ガイド。', status: 'DONE' },
      { code: 'MD-005', name: '展示会ブース デザイン', description: '昨年の展示会向け。記録用に保管。', status: 'ARCHIVED' },
    ],
    taskTitles: ['ワイヤーフレーム作成', 'デザインカンプの修正', 'コーディング', 'クライアント確認', 'ユーザーテストの実施', '画像素材の選定', 'スタイルガイドの更新', '公開前チェック', '見積りの提出', '議事録の共有'],
    attachmentNames: ['wireframe.pdf', 'mockup.png', 'style-guide.pdf', 'user-test-notes.docx'],
  },
];

export const COMMENT_BODIES = [
  '確認しました。対応します。',
  '先方から修正の依頼がありました。詳細は添付を参照してください。',
  '期限に間に合いそうにありません。相談させてください。',
  '完了しました。レビューをお願いします。',
  '前回の打ち合わせの内容を反映しています。',
  'ありがとうございます！問題ありません。',
  '担当を変更しました。',
] as const;

export function demoEmail(person: Pick<DemoPerson, 'localPart'>, slug: string): string {
  return `${person.localPart}@${slug}.example`;
}
