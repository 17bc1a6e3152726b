/** Incident drafts from alerts: one pull request per alert (or a commit to the main branch), written from an incident template through GitHub's REST API. */
export { alertBranch, draftAlert, draftAlerts, type DraftContext, type DraftResult } from './draft.ts';
export { GitHubRepo, githubTarget, type GitHubTarget, type PullRequest, type RepoFile } from './github.ts';
