/**
 * Where a status page is served from, and what a status repository needs for each host: the
 * starter files that publish it, rebuild it when the clock changes it and send the notifications
 * once the pages are live, and the settings a person makes once, in order. `init --host` picks
 * one; the record (.github/markdown-status.json) keeps it, so `upgrade` refreshes the same set.
 */

/** Every host `init --host` takes; the first is the default. */
export const HOSTS = ['s3', 'r2', 'netlify', 'cloudflare-pages', 'github-pages'] as const;
export type Host = (typeof HOSTS)[number];
export const DEFAULT_HOST: Host = 's3';

/** A template of ./starter/ and where it goes in a status repository (a POSIX path relative to its root). */
export interface StarterFile {
  template: string;
  target: string;
}

export interface HostProfile {
  /** Its name in prose. */
  label: string;
  /** The managed files this host adds to those every status repository has. */
  files: readonly StarterFile[];
  /** How a merge reaches readers, for the editors' README: Markdown, one paragraph. */
  publishing: string;
  /** The settings to make once, in order, each a Markdown sentence; printed by init and written into the README. */
  checklist: readonly string[];
  /** The one more setting a page with the editor at /admin/ needs, if any. */
  editorStep?: string;
}

const workflow = (template: string, name = template.split('/').pop()!): StarterFile => ({ template, target: `.github/workflows/${name}` });

// Said once, as each host's checklist ends with it.
const NOTIFICATION_SECRETS =
  'Settings → Secrets and variables → Actions → Secrets: the variables your notifications name in `content/site.yml` ' +
  '(`SLACK_WEBHOOK_URL`, `TEAMS_WEBHOOK_URL`, `DISCORD_WEBHOOK_URL`, `STATUS_WEBHOOK_URL`, `STATUS_WEBHOOK_SECRET`, `SMTP_URL` are passed on; rename them in the workflow for others).';
const SITE_URL = 'Variable `STATUS_SITE_URL` only when the page is not at the `url:` of `content/site.yml` (the scheduled rebuild reads `next-change.txt` there).';
const PRODUCTION_ENVIRONMENT = (label: string) =>
  `The **Notify** workflow runs when GitHub hears from ${label} that a deploy of \`main\` succeeded: a deployment whose environment name contains "production" (the repository page lists the names under *Deployments*). When ${label} reports another name, set the variable \`STATUS_PRODUCTION_ENVIRONMENT\` to it. Notifications are kept as sent on the branch \`status-state\`, which the workflow makes.`;
const BUILD_HOOK = (where: string) =>
  `${where}; save its address as the repository secret \`STATUS_BUILD_HOOK_URL\`. Until then the **Scheduled rebuild** workflow says "not set up yet" and stays green.`;

export const HOST_PROFILES: Readonly<Record<Host, HostProfile>> = {
  s3: {
    label: 'AWS S3 + CloudFront',
    files: [workflow('s3/deploy.yml'), workflow('s3/scheduled-rebuild.yml')],
    publishing:
      'The **Deploy** workflow checks the content, builds the page, uploads what changed to S3, has CloudFront drop its copies of the replaced pages, then sends the notifications. By hand: *Actions → Deploy → Run workflow*.',
    checklist: [
      'Make the bucket and the CloudFront distribution as the markdown-status README says ("AWS S3 + CloudFront").',
      'AWS IAM: add the identity provider `token.actions.githubusercontent.com` (audience `sts.amazonaws.com`) and a role it may assume for `repo:<owner>/<repository>:environment:production`, allowed `s3:ListBucket` on the bucket, `s3:GetObject`, `s3:PutObject` and `s3:DeleteObject` on its objects, and `cloudfront:CreateInvalidation` on the distribution.',
      'Settings → Environments: add `production`, deployments from `main` only.',
      'Settings → Secrets and variables → Actions → Variables: `AWS_ROLE_ARN` (the role), `STATUS_S3_BUCKET`, `STATUS_S3_REGION`, `STATUS_CLOUDFRONT_DISTRIBUTION_ID`, and `STATUS_S3_PREFIX` for a page under a sub-path. Without the role, the secrets `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` of a user with the same permissions work too.',
      SITE_URL,
      NOTIFICATION_SECRETS,
      'Actions → Deploy → Run workflow: the page goes live, and from then on with every merge.',
    ],
  },
  r2: {
    label: 'Cloudflare R2',
    files: [workflow('r2/deploy.yml'), workflow('r2/scheduled-rebuild.yml')],
    publishing:
      'The **Deploy** workflow checks the content, builds the page, uploads what changed to the R2 bucket, then sends the notifications. By hand: *Actions → Deploy → Run workflow*.',
    checklist: [
      'Make the bucket, connect its custom domain and add the rewrite and header rules as the markdown-status README says ("Cloudflare R2").',
      'Cloudflare: an R2 API token with *Object Read & Write* on the bucket. R2 takes no sign-in from GitHub (OIDC), so its keys are the only way in.',
      'Settings → Environments: add `production`, deployments from `main` only.',
      'Settings → Secrets and variables → Actions: variables `STATUS_S3_BUCKET`, `STATUS_S3_ENDPOINT` (`https://<account id>.r2.cloudflarestorage.com`), and `STATUS_S3_PREFIX` for a page under a sub-path; secrets `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (the token\'s Access Key ID and Secret Access Key).',
      SITE_URL,
      NOTIFICATION_SECRETS,
      'Actions → Deploy → Run workflow: the page goes live, and from then on with every merge.',
    ],
  },
  netlify: {
    label: 'Netlify',
    files: [{ template: 'netlify/netlify.toml', target: 'netlify.toml' }, workflow('git-host/notify.yml'), workflow('git-host/scheduled-rebuild.yml')],
    publishing:
      'Netlify builds the page from `main` itself (the settings are in `netlify.toml`) and builds a preview of every pull request. Once a deploy is live, the **Notify** workflow sends the notifications. By hand: Netlify\'s *Deploys → Trigger deploy*.',
    checklist: [
      'Netlify: *Add new project → Import an existing project* → this repository, production branch `main`. `netlify.toml` gives the build command, the folder to publish and the Node version; the build writes the headers into `_site/_headers`.',
      BUILD_HOOK('Netlify: *Project configuration → Build & deploy → Build hooks*: add a hook that builds `main`'),
      PRODUCTION_ENVIRONMENT('Netlify'),
      SITE_URL,
      NOTIFICATION_SECRETS,
    ],
    editorStep: 'Netlify environment variable `STATUS_CMS_REPO=<owner>/<repository>`, for the editor at `/admin/`.',
  },
  'cloudflare-pages': {
    label: 'Cloudflare Pages',
    files: [workflow('git-host/notify.yml'), workflow('git-host/scheduled-rebuild.yml')],
    publishing:
      'Cloudflare Pages builds the page from `main` itself and builds a preview of every pull request. Once a deploy is live, the **Notify** workflow sends the notifications. By hand: the project\'s *Deployments → Retry deployment* on the newest one.',
    checklist: [
      'Cloudflare: *Workers & Pages → Create → Pages → Connect to Git* → this repository. Production branch `main`, framework preset *None*, build command `npm run build`, build output directory `_site`, environment variable `NODE_VERSION=20`. The build writes the headers into `_site/_headers`.',
      BUILD_HOOK('Cloudflare: the project\'s *Settings → Builds → Deploy hooks*: add a hook for `main`'),
      PRODUCTION_ENVIRONMENT('Cloudflare Pages'),
      SITE_URL,
      NOTIFICATION_SECRETS,
    ],
    editorStep: 'Cloudflare environment variable `STATUS_CMS_REPO=<owner>/<repository>`, for the editor at `/admin/`.',
  },
  'github-pages': {
    label: 'GitHub Pages',
    files: [workflow('github-pages/deploy.yml'), workflow('github-pages/scheduled-rebuild.yml')],
    publishing:
      'The **Deploy** workflow checks the content, builds the page and publishes it to GitHub Pages; once that has succeeded it sends the notifications. By hand: *Actions → Deploy → Run workflow*.',
    checklist: [
      'Settings → Pages → Build and deployment → Source: *GitHub Actions*. A custom domain goes under *Custom domain* there.',
      'The `url:` of `content/site.yml` is where Pages serves the page: `https://<owner>.github.io/<repository>/`, or the custom domain.',
      'Notifications are kept as sent on the branch `status-state`, which the workflow makes; leave it out of branch protection rules.',
      NOTIFICATION_SECRETS,
      'Actions → Deploy → Run workflow: the page goes live, and from then on with every merge.',
    ],
  },
};

/** A host named on the command line or in the record; a StatusError-free check, for callers to word. */
export const isHost = (value: string): value is Host => (HOSTS as readonly string[]).includes(value);

/** The settings to make once for a page on `host`, in order. */
export function checklist(host: Host, editor: boolean): string[] {
  const { checklist: steps, editorStep } = HOST_PROFILES[host];
  return editor && editorStep ? [...steps, editorStep] : [...steps];
}

/** The checklist as numbered lines, each indented by `indent`. */
export const numbered = (lines: readonly string[], indent = '') => lines.map((line, i) => `${indent}${i + 1}. ${line}`).join('\n');
