package io.driftwatch.engine.alerts;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * E-mail over SMTP (Jakarta Mail, Eclipse Angus): STARTTLS required when {@code starttls} (the default; a server
 * that does not offer it fails the delivery rather than sending in clear), implicit TLS when {@code ssl}, AUTH when
 * a username is given. Connect, read and write timeouts are the notifier's timeout. The host is checked against the
 * {@link OutboundPolicy} before every delivery (a private, loopback or metadata address is refused unless allowed).
 */
final class EmailNotifier implements Notifier {
    static final String DEFAULT_SUBJECT = "[Driftwatch] {{severity}} alert {{name}} in {{project}}";
    private final Duration timeout;
    private final OutboundPolicy policy;

    EmailNotifier(Duration timeout, OutboundPolicy policy) {
        this.timeout = timeout;
        this.policy = policy;
    }

    @Override
    public String kind() {
        return "email";
    }

    @Override
    public void send(Message m) throws MessagingException, IOException {
        Map<String, Object> p = m.params();
        policy.hostAddresses(String.valueOf(p.get("host")));
        Session session = Session.getInstance(properties(p));
        MimeMessage mail = new MimeMessage(session);
        mail.setFrom(new InternetAddress((String) p.get("from")));
        for (Object to : (List<?>) p.get("to")) {
            mail.addRecipient(RecipientType.TO, new InternetAddress(String.valueOf(to)));
        }
        Map<String, String> vars = m.variables();
        String subject = p.get("subject") instanceof String s ? s : DEFAULT_SUBJECT;
        mail.setSubject(Message.render(subject, vars, false), "UTF-8");
        mail.setText(body(m, vars), "UTF-8");
        mail.setSentDate(Date.from(m.activation().time()));
        String user = (String) p.get("username");
        if (user != null) {
            Transport.send(mail, user, (String) p.get("password"));
        } else {
            Transport.send(mail);
        }
    }

    private Properties properties(Map<String, Object> p) {
        boolean ssl = Boolean.TRUE.equals(p.get("ssl"));
        String proto = ssl ? "smtps" : "smtp";
        Properties props = new Properties();
        props.put("mail.transport.protocol", proto);
        props.put("mail." + proto + ".host", p.get("host"));
        props.put("mail." + proto + ".port", String.valueOf(p.get("port")));
        props.put("mail." + proto + ".auth", String.valueOf(p.get("username") != null));
        if (!ssl && Boolean.TRUE.equals(p.get("starttls"))) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        if (p.get("ssl_trust") != null) {
            props.put("mail." + proto + ".ssl.trust", p.get("ssl_trust"));
        } else {
            props.put("mail." + proto + ".ssl.checkserveridentity", "true");
        }
        String ms = Long.toString(timeout.toMillis());
        props.put("mail." + proto + ".connectiontimeout", ms);
        props.put("mail." + proto + ".timeout", ms);
        props.put("mail." + proto + ".writetimeout", ms);
        return props;
    }

    private static String body(Message m, Map<String, String> vars) {
        var a = m.activation();
        StringBuilder b = new StringBuilder();
        b.append(a.summary()).append("\n\n")
                .append("Alert:     ").append(a.project()).append('/').append(a.alert()).append('\n')
                .append("Severity:  ").append(a.severity().wire()).append('\n')
                .append("Fired at:  ").append(a.time()).append('\n')
                .append("Entity:    ").append(a.entityId()).append('\n')
                .append("Endpoints: ").append(vars.get("endpoint")).append('\n')
                .append("Activation: ").append(a.id()).append("\n\nEvents:\n");
        a.events().forEach(e -> b.append("  ").append(e.time()).append(' ').append(e.kind()).append(' ')
                .append(e.entityId()).append(' ').append(e.value()).append('\n'));
        return b.toString();
    }
}
