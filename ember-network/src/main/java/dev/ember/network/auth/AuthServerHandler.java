package dev.ember.network.auth;

import dev.ember.network.protocol.FrameDecoder;
import dev.ember.network.protocol.Message.AuthChallenge;
import dev.ember.network.protocol.Message.AuthResponse;
import dev.ember.network.protocol.Message.AuthResult;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of the handshake ({@link Proofs}): challenges every new connection, and removes itself from
 * the pipeline once the peer has proved the secret. A wrong proof, any other message first, or no proof within
 * the timeout closes the connection with a warning naming the peer; nothing the peer sent has been decoded
 * beyond the handshake's fixed-size fields. One instance per channel, used on its event loop.
 */
public final class AuthServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AuthServerHandler.class);

    private final byte[] secret;
    private final FrameDecoder decoder;
    private final Duration timeout;
    private byte[] serverNonce;
    private ScheduledFuture<?> deadline;

    public AuthServerHandler(byte[] secret, FrameDecoder decoder, Duration timeout) {
        this.secret = secret.clone();
        this.decoder = decoder;
        this.timeout = timeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        serverNonce = Proofs.nonce();
        ctx.writeAndFlush(new AuthChallenge(serverNonce));
        deadline = ctx.executor()
                .schedule(
                        () -> {
                            LOG.warn(
                                    "Connection from {} did not authenticate within {} ms; closing it",
                                    ctx.channel().remoteAddress(),
                                    timeout.toMillis());
                            ctx.close();
                        },
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof AuthResponse response)) {
            LOG.warn(
                    "Connection from {} sent {} instead of authenticating; closing it",
                    ctx.channel().remoteAddress(),
                    msg.getClass().getSimpleName());
            ctx.close();
            return;
        }
        if (!Proofs.matches(Proofs.clientProof(secret, serverNonce, response.clientNonce()), response.proof())) {
            LOG.warn(
                    "Connection from {} failed authentication (it does not know ember.authenticate.secret); closing it",
                    ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        deadline.cancel(false);
        decoder.authenticated();
        ctx.writeAndFlush(new AuthResult(Proofs.serverProof(secret, response.clientNonce(), serverNonce)));
        ctx.pipeline().remove(this);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
        ctx.fireChannelInactive();
    }
}
