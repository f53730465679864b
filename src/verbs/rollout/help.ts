/** kubectl v1.32's help texts for the rollout subcommands (long description and examples). */

export const STATUS_LONG = "Show the status of the rollout.\n\n By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.";
export const STATUS_EXAMPLE = "  # Watch the rollout status of a deployment\n  kubectl rollout status deployment/nginx";
export const HISTORY_LONG = "View previous rollout revisions and configurations.";
export const HISTORY_EXAMPLE = "  # View the rollout history of a deployment\n  kubectl rollout history deployment/abc\n  \n  # View the details of daemonset revision 3\n  kubectl rollout history daemonset/abc --revision=3";
export const UNDO_LONG = "Roll back to a previous rollout.";
export const UNDO_EXAMPLE = "  # Roll back to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Roll back to daemonset revision 3\n  kubectl rollout undo daemonset/abc --to-revision=3\n  \n  # Roll back to the previous deployment with dry-run\n  kubectl rollout undo --dry-run=server deployment/abc";
export const RESTART_LONG = "Restart a resource.\n\n        Resource rollout will be restarted.";
export const RESTART_EXAMPLE = "  # Restart all deployments in the test-namespace namespace\n  kubectl rollout restart deployment -n test-namespace\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/nginx\n  \n  # Restart a daemon set\n  kubectl rollout restart daemonset/abc\n  \n  # Restart deployments with the app=nginx label\n  kubectl rollout restart deployment --selector=app=nginx";
export const PAUSE_LONG = "Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use \"kubectl rollout resume\" to resume a paused resource. Currently only deployments support being paused.";
export const PAUSE_EXAMPLE = "  # Mark the nginx deployment as paused\n  # Any current state of the deployment will continue its function; new updates\n  # to the deployment will not have an effect as long as the deployment is paused\n  kubectl rollout pause deployment/nginx";
export const RESUME_LONG = "Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.";
export const RESUME_EXAMPLE = "  # Resume an already paused deployment\n  kubectl rollout resume deployment/nginx";
