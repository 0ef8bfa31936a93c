package io.floorgate.notify;

import io.floorgate.config.ReceiverConfig;
import io.floorgate.config.SmtpConfig;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Sends a group of notifications as one plain-text e-mail over SMTP (Jakarta Mail), with
 * STARTTLS, TLS or neither, and a login when a username is configured.
 */
final class EmailDelivery implements Delivery {

  private static final String TIMEOUT_MILLIS = "15000";

  private final ReceiverConfig receiver;
  private final SmtpConfig smtp;
  private final AlarmText text;
  private final Session session;
  private final String where;

  EmailDelivery(ReceiverConfig receiver, AlarmText text) {
    this.receiver = receiver;
    this.smtp = receiver.smtp();
    this.text = text;
    this.session = Session.getInstance(properties(smtp));
    this.where = "E-mail receiver " + receiver.name() + " (SMTP " + smtp.host() + ":" + smtp.port()
        + ")";
  }

  private static Properties properties(SmtpConfig smtp) {
    Properties p = new Properties();
    String protocol = smtp.security() == SmtpConfig.Security.TLS ? "smtps" : "smtp";
    p.put("mail.transport.protocol", protocol);
    p.put("mail." + protocol + ".host", smtp.host());
    p.put("mail." + protocol + ".port", String.valueOf(smtp.port()));
    p.put("mail." + protocol + ".auth", String.valueOf(smtp.username() != null));
    p.put("mail." + protocol + ".connectiontimeout", TIMEOUT_MILLIS);
    p.put("mail." + protocol + ".timeout", TIMEOUT_MILLIS);
    p.put("mail." + protocol + ".writetimeout", TIMEOUT_MILLIS);
    if (smtp.security() == SmtpConfig.Security.STARTTLS) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    if (smtp.security() != SmtpConfig.Security.NONE) {
      p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
    }
    return p;
  }

  @Override
  public void deliver(List<Notice> notices) throws DeliveryException {
    try {
      MimeMessage message = new MimeMessage(session);
      message.setFrom(new InternetAddress(receiver.from()));
      for (String to : receiver.to()) {
        message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
      }
      message.setSubject(text.subject(notices), "UTF-8");
      message.setText(text.body(notices), "UTF-8");
      message.setSentDate(Date.from(Instant.now()));
      if (smtp.username() != null) {
        Transport.send(message, smtp.username(), smtp.password());
      } else {
        Transport.send(message);
      }
    } catch (AuthenticationFailedException e) {
      throw new DeliveryException("auth", where + " refused the login of " + smtp.username()
          + ": check smtp.username and the password's variable (e.g. FLOORGATE_SMTP_PASSWORD)");
    } catch (AddressException e) {
      throw new DeliveryException("address", where + ": an address is not valid ("
          + e.getMessage() + "): check from and to");
    } catch (MessagingException e) {
      throw failure(e);
    }
  }

  private DeliveryException failure(MessagingException e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof ConnectException || root instanceof UnknownHostException) {
      return new DeliveryException("unreachable", where + " is unreachable (" + root
          .getMessage() + "): check smtp.host and smtp.port, and that the server runs");
    }
    if (root instanceof SocketTimeoutException) {
      return new DeliveryException("timeout", where + " did not answer in time: check the "
          + "network and the server's load");
    }
    if (root instanceof javax.net.ssl.SSLException) {
      return new DeliveryException("tls", where + ": TLS failed (" + root.getMessage()
          + "): check smtp.security (starttls on 587, tls on 465) and the server's certificate");
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName()
        : e.getMessage().lines().findFirst().orElse("").strip();
    return new DeliveryException("smtp", where + " refused the message (" + message
        + "): check from, to and the server's rules for relaying");
  }
}
