<?php
// Installs WordPress into the empty database of a throw-away site and prints, as JSON, the
// accounts the contract tests use: an editor (the account Carecast connects with), the
// administrator (moderates comments) and an author (may publish, may not moderate comments: a
// connection Carecast refuses), each with an application password.
// Usage: php install-site.php <site directory>

define('WP_INSTALLING', true);
require $argv[1] . '/wp-load.php';

// No mail on install: there is no mail service.
function wp_new_blog_notification($blog_title, $blog_url, $user_id, $password) {}

require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

$installed = wp_install('Riverside Family Medicine', 'admin', 'admin@riverside.example', true, '', wp_generate_password(24));
if (is_wp_error($installed)) {
    fwrite(STDERR, $installed->get_error_message() . "\n");
    exit(1);
}

// Start empty: no sample post, page or comment.
foreach (get_comments(['status' => 'all']) as $comment) wp_delete_comment($comment->comment_ID, true);
foreach (get_posts(['post_type' => ['post', 'page'], 'post_status' => 'any', 'numberposts' => -1]) as $post) wp_delete_post($post->ID, true);

// Pretty permalinks, so posts have /slug/ links and the REST API answers at /wp-json/.
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
$wp_rewrite->flush_rules(false);

$editor_id = wp_insert_user([
    'user_login' => 'editor',
    'user_pass' => wp_generate_password(24),
    'user_email' => 'editor@riverside.example',
    'display_name' => 'Riverside Family Medicine',
    'role' => 'editor',
]);
if (is_wp_error($editor_id)) {
    fwrite(STDERR, $editor_id->get_error_message() . "\n");
    exit(1);
}
$author_id = wp_insert_user([
    'user_login' => 'author',
    'user_pass' => wp_generate_password(24),
    'user_email' => 'author@riverside.example',
    'display_name' => 'Staff writer',
    'role' => 'author',
]);
if (is_wp_error($author_id)) {
    fwrite(STDERR, $author_id->get_error_message() . "\n");
    exit(1);
}
$admin_id = $installed['user_id'];

function application_password($user_id) {
    $created = WP_Application_Passwords::create_new_application_password($user_id, ['name' => 'Carecast']);
    if (is_wp_error($created)) {
        fwrite(STDERR, $created->get_error_message() . "\n");
        exit(1);
    }
    return WP_Application_Passwords::chunk_password($created[0]);
}

echo json_encode([
    'wordpressVersion' => get_bloginfo('version'),
    'editor' => ['userId' => $editor_id, 'username' => 'editor', 'applicationPassword' => application_password($editor_id)],
    'admin' => ['userId' => $admin_id, 'username' => 'admin', 'applicationPassword' => application_password($admin_id)],
    'author' => ['userId' => $author_id, 'username' => 'author', 'applicationPassword' => application_password($author_id)],
]);
