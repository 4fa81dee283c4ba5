package dev.ember.network.auth;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.protocol.FrameDecoder;
import dev.ember.network.protocol.Message.AuthChallenge;
import dev.ember.network.protocol.Message.AuthResponse;
import dev.ember.network.protocol.Message.AuthResult;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;

/**
 * The client's side of the handshake ({@link Proofs}): answers the server's challenge, checks the server's own
 * proof, then completes {@code done} and removes itself. The connection is usable only after {@code done}
 * succeeds; it fails with {@link ErrorClass#AUTHENTICATION_FAILED} when the server's proof is wrong or the server
 * closes the connection during the handshake (it rejected our proof, or it does not use authentication). One
 * instance per channel, used on its event loop.
 */
public final class AuthClientHandler extends ChannelInboundHandlerAdapter {
    private final byte[] secret;
    private final FrameDecoder decoder;
    private final Promise<Void> done;
    private byte[] serverNonce;
    private byte[] clientNonce;

    public AuthClientHandler(byte[] secret, FrameDecoder decoder, Promise<Void> done) {
        this.secret = secret.clone();
        this.decoder = decoder;
        this.done = done;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof AuthChallenge challenge && clientNonce == null) {
            serverNonce = challenge.serverNonce();
            clientNonce = Proofs.nonce();
            ctx.writeAndFlush(new AuthResponse(clientNonce, Proofs.clientProof(secret, serverNonce, clientNonce)));
        } else if (msg instanceof AuthResult result && clientNonce != null) {
            if (!Proofs.matches(Proofs.serverProof(secret, clientNonce, serverNonce), result.proof())) {
                fail(
                        ctx,
                        "the server at " + ctx.channel().remoteAddress() + " does not know ember.authenticate.secret");
                return;
            }
            decoder.authenticated();
            ctx.pipeline().remove(this);
            done.trySuccess(null);
        } else {
            fail(
                    ctx,
                    "the server at " + ctx.channel().remoteAddress() + " sent "
                            + msg.getClass().getSimpleName() + " out of order during authentication");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done.tryFailure(new EmberException(
                ErrorClass.AUTHENTICATION_FAILED,
                "The server at " + ctx.channel().remoteAddress() + " closed the connection during authentication:"
                        + " the secrets differ, or the server does not have ember.authenticate on"));
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        done.tryFailure(new EmberException(ErrorClass.AUTHENTICATION_FAILED, "Authentication failed: " + why));
        ctx.close();
    }
}
